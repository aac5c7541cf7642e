import Analysis
import Foundation
import Manifests

extension StatusDocument.Analysis {
    /// A canary analysis as `/status` shows it.
    init(_ progress: CanaryProgress, analysis: CanaryAnalysis) {
        self.init(
            version: progress.version,
            state: State(rawValue: progress.state.rawValue) ?? .running,
            startedAt: progress.startedAt,
            elapsedSeconds: progress.elapsedSeconds,
            minDurationSeconds: analysis.minDuration.timeInterval,
            lastRunAt: progress.lastRunAt,
            reason: progress.reason,
            checks: StatusDocument.Check.latest(progress.checks, of: analysis.checks)
        )
    }
}

extension StatusDocument.Check {
    /// The checks that ran, each with its bounds, in the order of `checks`.
    static func latest(_ progress: [CheckProgress], of checks: [MetricCheck]) -> [StatusDocument.Check] {
        checks.compactMap { check in
            guard let status = progress.first(where: { $0.name == check.name }), let result = status.result,
                let at = status.at
            else { return nil }
            return StatusDocument.Check(
                name: check.name,
                value: status.value,
                min: check.min,
                max: check.max,
                result: result,
                failuresInARow: status.failuresInARow,
                at: at
            )
        }
    }
}
