public import Foundation
public import Manifests

/// Judges a canary from its checks' measurements: a pure function of the analysis, its progress so far, the values
/// of one run and the time of that run (no clock is read here).
///
/// - A check that fails `failureLimit` runs in a row aborts the canary (`canary_aborted`, naming the check, the
///   value and the bound).
/// - A failed run below the limit sets the holding time back to zero: a canary passes only after `minDuration` in
///   which every run held, as Flagger and Argo Rollouts let a canary advance only on successful runs.
/// - A run without data (no series, NaN, Prometheus unreachable) neither passes nor fails: it leaves the failure
///   counts and the holding time as they were. After `failureLimit` such runs in a row the analysis is
///   `unavailable` (`analysis_unavailable`, once per outage) and runs on.
/// - Once every check has held for `minDuration` the canary has passed (`canary_passed`).
public struct CanaryEvaluator: Sendable {
    public var analysis: CanaryAnalysis

    public init(analysis: CanaryAnalysis) {
        self.analysis = analysis
    }

    /// The progress after one run that measured `measurements` (by check name) at `now`, and what it concluded.
    /// A final analysis (passed or aborted) does not change.
    public func evaluate(
        _ progress: CanaryProgress,
        measurements: [String: Reading],
        now: Date
    ) -> (progress: CanaryProgress, events: [GuardrailEvent]) {
        guard !progress.state.isFinal else { return (progress, []) }
        var next = progress
        next.checks = analysis.checks.map { check in
            let previous = progress.checks.first { $0.name == check.name } ?? CheckProgress(name: check.name)
            let measured = measurements[check.name] ?? .noData(reason: "the check was not run")
            return previous.after(measured, of: check, at: now)
        }
        let results = next.checks.map(\.result)
        let held = results.allSatisfy { $0 == .pass }
        let failed = results.contains(.fail)
        var events: [GuardrailEvent] = []
        if failed {
            next.elapsedSeconds = 0
            next.noDataRuns = 0
        } else if held {
            if progress.lastRunHeld, let last = progress.lastRunAt {
                let gap = max(0, now.timeIntervalSince(last))
                next.elapsedSeconds += min(gap, analysis.interval.inSeconds)
            }
            next.noDataRuns = 0
        } else {
            next.noDataRuns += 1
        }
        next.lastRunAt = now
        next.lastRunHeld = held
        if next.state == .unavailable, next.noDataRuns == 0 {
            next.state = .running
            next.reason = nil
        }
        let exhausted = zip(analysis.checks, next.checks).first { $0.1.failuresInARow >= analysis.failureLimit }
        if case let (check, status)? = exhausted {
            next.state = .aborted
            next.reason = "\(status.violation(of: check)) (\(status.failuresInARow) failed runs in a row)"
            events.append(
                GuardrailEvent(
                    .canaryAborted,
                    check: check.name,
                    value: status.value,
                    bound: status.crossedBound(of: check),
                    message: "canary \(progress.version) aborted and taken out of traffic: \(next.reason ?? "")"
                )
            )
        } else if held, next.elapsedSeconds >= analysis.minDuration.inSeconds {
            next.state = .passed
            next.reason = nil
            events.append(
                GuardrailEvent(
                    .canaryPassed,
                    message: "canary \(progress.version) passed: every check held for "
                        + "\(Int(analysis.minDuration.inSeconds))s; ready to promote (mooring promote)"
                )
            )
        } else if next.state == .running, next.noDataRuns >= analysis.failureLimit {
            let reasons = Set(next.checks.compactMap(\.noDataReason)).sorted().joined(separator: "; ")
            next.state = .unavailable
            next.reason = "no data for \(next.noDataRuns) runs in a row: \(reasons)"
            events.append(
                GuardrailEvent(
                    .analysisUnavailable,
                    message: "canary \(progress.version) cannot be judged: \(next.reason ?? ""); it keeps its "
                        + "traffic and neither passes nor aborts until data comes back"
                )
            )
        }
        return (next, events)
    }
}

extension Duration {
    /// The duration in seconds, fractions kept.
    var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
