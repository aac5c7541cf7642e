import MooringCore

extension SpecReader {
    /// A Go-style duration (`30s`, `10m`, `1h30m`) within `range`; reported and `nil` otherwise.
    mutating func duration(at path: FieldPath, within range: ClosedRange<Duration>) -> Duration? {
        guard let text = string(at: path, hint: "write a duration such as \"30s\" or \"10m\"") else { return nil }
        guard let duration = GoDuration.parse(text) else {
            report(.invalidValue, at: path, "\(path) must be a duration such as \"30s\" or \"10m\", not \"\(text)\"")
            return nil
        }
        guard range.contains(duration) else {
            report(
                .invalidValue,
                at: path,
                "\(path) must be from \(GoDuration.format(range.lowerBound)) to \(GoDuration.format(range.upperBound)), not \(text)"
            )
            return nil
        }
        return duration
    }
}
