// Folder MooringCore/Time: durations written as Go and Kubernetes write them.

/// Parses durations the way Go's `time.ParseDuration` spells them (`15s`, `1h30m`, `250ms`, `1.5h`),
/// the convention Kubernetes tooling users know.
public enum GoDuration {
    private static let units: [(suffix: String, nanoseconds: Double)] = [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
    ]

    public static func parse(_ text: String) -> Duration? {
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let numberEnd = rest.firstIndex { !($0.isNumber || $0 == ".") } ?? rest.endIndex
            guard numberEnd > rest.startIndex, let value = Double(rest[rest.startIndex..<numberEnd]) else {
                return nil
            }
            rest = rest[numberEnd...]
            let unitEnd = rest.firstIndex { $0.isNumber || $0 == "." } ?? rest.endIndex
            let unit = rest[rest.startIndex..<unitEnd]
            guard let scale = units.first(where: { $0.suffix == unit })?.nanoseconds else { return nil }
            total += value * scale
            rest = rest[unitEnd...]
        }
        guard total.isFinite, total < 1e18 else { return nil }
        return .nanoseconds(Int64(total))
    }

    /// `1h30m0s`-style text for messages and `--help` defaults.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if seconds == 0 { return "\(attoseconds / 1_000_000_000_000_000)ms" }
        var parts: [String] = []
        let hours = seconds / 3600
        let minutes = (seconds % 3600) / 60
        let remainder = seconds % 60
        if hours > 0 { parts.append("\(hours)h") }
        if minutes > 0 { parts.append("\(minutes)m") }
        if remainder > 0 || parts.isEmpty { parts.append("\(remainder)s") }
        return parts.joined()
    }
}
