import Analysis
import Foundation
import MooringCore

extension StatusDocument.Analysis {
    /// Where the analysis stands, in one line: `running for 5m30s of 10m` and `passed after 10m: ready to promote`
    /// count the time every check held; `aborted at 2026-05-04T09:04:00Z, 4m into the analysis: error-rate …` and
    /// `unavailable 1m into the analysis: …` count from the start of this canary's analysis to its latest run (a
    /// failed run sets the holding time back to zero, so it would read 0s). The reason is escaped for a terminal.
    public var summary: String {
        let elapsed = Self.duration(elapsedSeconds)
        let minimum = Self.duration(minDurationSeconds)
        let analysed = Self.duration((lastRunAt ?? startedAt).timeIntervalSince(startedAt))
        let why = reason.map { ": \($0.escapingControlCharacters)" } ?? ""
        switch state {
        case .running: return "running for \(elapsed) of \(minimum)"
        case .passed: return "passed after \(elapsed): ready to promote"
        case .aborted:
            let at = lastRunAt.map { " at \($0.formatted(.iso8601))," } ?? ""
            return "aborted\(at) \(analysed) into the analysis\(why)"
        case .unavailable: return "unavailable \(analysed) into the analysis\(why)"
        }
    }

    /// `45s`, `5m30s`, `10m`, `1h5m`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(max(seconds, 0).rounded())
        let (hours, minutes, rest) = (total / 3600, total % 3600 / 60, total % 60)
        if hours > 0 { return minutes > 0 ? "\(hours)h\(minutes)m" : "\(hours)h" }
        if minutes > 0 { return rest > 0 ? "\(minutes)m\(rest)s" : "\(minutes)m" }
        return "\(rest)s"
    }
}

extension StatusDocument.Check {
    /// The latest run in one line: `error-rate 0.031 (max 0.02): fail (2 in a row)`, `p99 no data (max 0.25): no-data`.
    public var summary: String {
        "\(name.escapingControlCharacters) \(measured) (\(bounds)): \(outcome)"
    }

    /// The value measured, to four significant digits, or `no data`.
    public var measured: String {
        guard let value else { return "no data" }
        return value.isFinite ? String(format: "%.4g", value) : "\(value)"
    }

    /// `min 0.9, max 0.99`, `max 0.02`.
    public var bounds: String {
        [min.map { "min \($0)" }, max.map { "max \($0)" }].compactMap { $0 }.joined(separator: ", ")
    }

    /// `pass`, `no-data`, `fail (2 in a row)`.
    public var outcome: String {
        result == .fail ? "fail (\(failuresInARow) in a row)" : result.rawValue
    }
}
