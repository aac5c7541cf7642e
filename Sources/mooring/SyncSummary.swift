import Sync

/// The one-line result of a sync per target, on stdout.
enum SyncSummary {
    static func line(for report: TargetReport) -> String {
        var parts = ["\(report.target): \(report.headline)"]
        if !report.applied.isEmpty { parts.append("\(report.applied.count) applied") }
        if !report.pruned.isEmpty { parts.append("\(report.pruned.count) pruned") }
        let alerts = report.events.filter { $0.severity >= .warning }.count
        if alerts > 0 { parts.append("\(alerts) alert(s)") }
        let milliseconds = report.duration / .milliseconds(1)
        parts.append("in \((milliseconds / 100).rounded() / 10)s")
        return parts.joined(separator: ", ")
    }
}
