import Sync

/// The one-line result of a sync per target, on stdout.
enum SyncSummary {
    static func line(for report: TargetReport) -> String {
        let commit = report.commit.map { String($0.prefix(12)) } ?? "-"
        let seconds =
            Double(report.duration.components.seconds)
            + Double(report.duration.components.attoseconds) / 1e18
        var parts = ["\(report.target): \(report.outcome.rawValue) at \(commit)"]
        if !report.applied.isEmpty { parts.append("\(report.applied.count) applied") }
        if !report.pruned.isEmpty { parts.append("\(report.pruned.count) pruned") }
        let alerts = report.events.filter { $0.severity >= .warning }.count
        if alerts > 0 { parts.append("\(alerts) alert(s)") }
        parts.append("in \((seconds * 10).rounded() / 10)s")
        return parts.joined(separator: ", ")
    }
}
