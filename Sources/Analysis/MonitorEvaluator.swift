public import Foundation
public import Manifests

/// Judges the monitors of a serving version, a pure function like ``CanaryEvaluator``: a monitor that fails
/// `failureLimit` runs in a row is degraded (`model_degraded`, naming the check, the value and the bound), and
/// recovers (`model_recovered`) at its first run that holds. A run without data changes neither.
public struct MonitorEvaluator: Sendable {
    public var monitors: [MetricCheck]
    public var failureLimit: Int

    public init(monitors: [MetricCheck], failureLimit: Int) {
        self.monitors = monitors
        self.failureLimit = failureLimit
    }

    /// The progress after one run that measured `measurements` (by check name) at `now`, and what changed.
    public func evaluate(
        _ progress: MonitorProgress,
        measurements: [String: Reading],
        now: Date
    ) -> (progress: MonitorProgress, events: [GuardrailEvent]) {
        var next = progress
        var events: [GuardrailEvent] = []
        next.checks = monitors.map { check in
            let previous = progress.checks.first { $0.name == check.name } ?? CheckProgress(name: check.name)
            var status = previous.after(measurements[check.name] ?? .noData(reason: "not run"), of: check, at: now)
            if !status.degraded, status.failuresInARow >= failureLimit {
                status.degraded = true
                events.append(
                    GuardrailEvent(
                        .modelDegraded,
                        check: check.name,
                        value: status.value,
                        bound: status.crossedBound(of: check),
                        message: "version \(progress.version) degraded: \(status.violation(of: check)) "
                            + "(\(status.failuresInARow) failed runs in a row)"
                    )
                )
            } else if status.degraded, status.result == .pass {
                status.degraded = false
                events.append(
                    GuardrailEvent(
                        .modelRecovered,
                        check: check.name,
                        value: status.value,
                        message: "version \(progress.version) recovered: \(check.name) holds again at "
                            + CheckProgress.format(status.value ?? 0)
                    )
                )
            }
            return status
        }
        return (next, events)
    }
}
