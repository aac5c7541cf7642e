import GitSource
import MooringCore
import Reconciler
import Sync

/// What `mooring sync --dry-run` prints: each object the sync would touch, and why.
enum PlanText {
    static func lines(for report: TargetReport) -> [String] {
        guard let decision = report.decision else { return [SyncSummary.line(for: report)] }
        var lines = ["\(report.target): at \(report.commit?.short ?? "-"), would:"]
        for batch in decision.batches {
            for resource in batch.resources {
                lines.append("  apply  \(resource.identity)\(batch.force ? "  (taking ownership back)" : "")")
            }
        }
        for drift in decision.alerted {
            lines.append("  alert  \(drift.identity): drifted, left alone (drift: alert)")
        }
        for resource in report.pruneDecision?.prune ?? [] {
            lines.append("  prune  \(resource.identity)")
        }
        for (resource, reason) in report.pruneDecision?.blocked ?? [] {
            lines.append("  keep   \(resource.identity)  (prune blocked: \(reason.rawValue))")
        }
        if lines.count == 1 { lines.append("  nothing: the cluster matches git") }
        return lines
    }
}
