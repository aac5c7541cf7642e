import Analysis
import Foundation
import Manifests
import Sync

extension ModelGuardrails {
    /// How much earlier than a full interval a run may start: the loop ticks once a second, and a run due a hair
    /// after a tick should not wait for the next one.
    static let slack: TimeInterval = 0.25

    /// These guardrails made to fit `model` as deployed now: an analysis starts afresh for another canary or
    /// another ModelDeployment (its fingerprint), ends when there is no canary or no analysis; monitors start afresh
    /// for another stable version and end when there are none.
    func aligned(with model: ModelSummary, now: Date) -> ModelGuardrails {
        var aligned = self
        if let canary = model.canary, let analysis = model.analysis, !analysis.checks.isEmpty {
            let fingerprint = model.guardrailFingerprint
            if self.canary?.fingerprint != fingerprint || self.canary?.version != canary.version {
                aligned.canary = CanaryProgress(
                    version: canary.version,
                    fingerprint: fingerprint,
                    checks: analysis.checks.map(\.name),
                    startedAt: now
                )
            }
        } else {
            aligned.canary = nil
        }
        if model.monitors.isEmpty {
            aligned.monitors = nil
        } else if monitors?.version != model.stable || monitors?.checks.map(\.name) != model.monitors.map(\.name) {
            aligned.monitors = MonitorProgress(version: model.stable, checks: model.monitors.map(\.name))
        }
        return aligned
    }

    /// Whether the canary's checks are due at `now`.
    func canaryDue(at now: Date, interval: Duration) -> Bool {
        guard let canary, !canary.state.isFinal else { return false }
        guard let last = canary.lastRunAt else { return true }
        return now.timeIntervalSince(last) >= interval.timeInterval - Self.slack
    }

    /// Whether the monitors are due at `now`.
    func monitorsDue(at now: Date, interval: Duration) -> Bool {
        guard let monitors else { return false }
        guard let last = monitors.checks.compactMap(\.at).max() else { return true }
        return now.timeIntervalSince(last) >= interval.timeInterval - Self.slack
    }

    /// The hold an aborted canary implies.
    func hold(of model: ModelSummary) -> CanaryHold? {
        guard let canary, canary.state == .aborted else { return nil }
        return CanaryHold(
            namespace: model.namespace,
            model: model.name,
            version: canary.version,
            fingerprint: canary.fingerprint
        )
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
