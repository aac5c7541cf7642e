import Foundation
import GitSource
import Manifests
import MooringCore
import Reconciler

/// What the engine remembers between syncs to make each report whole: what commits say about themselves, the
/// rendered models serving on each target, and the drift last found on each object (the journal keeps only a
/// fingerprint of it, and later syncs do not check an unchanged object again).
struct ReportMemory {
    /// Commits already read from the mirror (the most recent few: a daemon sees commits without end).
    private var commits = BoundedCache<CommitID, CommitInfo>(capacity: 64)
    /// Per target, the models rendered from the commit last applied, and that commit.
    private var rendered: [String: (commit: CommitID, models: [String: ModelSummary])] = [:]
    /// Per target and object, the drift last found on it.
    private var drift: [String: [ObjectIdentity: Drift]] = [:]

    /// What `commit` says about itself, if it was read before.
    subscript(commit: CommitID) -> CommitInfo? {
        get { commits[commit] }
        set { commits[commit] = newValue }
    }

    /// Remembers `models`, rendered from `commit`, as serving on `target` (the commit was applied in full).
    mutating func serving(_ models: [ModelSummary], from commit: CommitID, on target: String) {
        rendered[target] = (commit, Dictionary(models.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// `report` with where its target stands after the sync, from `state` (the journal after it) and `holds` (the
    /// aborted canaries its last sync held out of traffic): the commits with what they say, the last applied commit,
    /// the backoff, the serving models as they serve (a held canary at 0%), the drift left.
    mutating func completing(
        _ report: TargetReport,
        state: TargetState?,
        holds: Set<CanaryHold> = [],
        now: Date = Date()
    ) -> TargetReport {
        var report = report
        report.commitInfo = report.commit.flatMap { commits[$0] }
        report.refusedCommitInfo = report.refusedCommit.flatMap { commits[$0] }
        report.lastAppliedCommit = state?.lastAppliedCommit.flatMap(CommitID.init)
        report.retryAfter = state?.retryAfter.flatMap { $0 > now ? $0 : nil }
        // What this process rendered, else what the journal kept of the last applied commit (after a restart).
        let models =
            rendered[report.target].flatMap { $0.commit == report.lastAppliedCommit ? $0.models : nil }
            ?? state?.renderedModels.map {
                Dictionary($0.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            }
        report.served = (state?.models ?? [:]).sorted { $0.key < $1.key }
            .map { name, model in ServedModel(name: name, state: model, summary: models?[name]).holding(holds) }
        report.drift = leftDrifted(report, inventory: state?.inventory ?? [])
        return report
    }

    /// The objects `inventory` holds as drifted, with the drift last found on each.
    private mutating func leftDrifted(_ report: TargetReport, inventory: [AppliedRecord]) -> [Drift] {
        var details = drift[report.target] ?? [:]
        for found in report.decision?.alerted ?? [] { details[found.identity] = found }
        let drifted = Set(inventory.filter { $0.reportedDrift != nil }.map(\.identity))
        details = details.filter { drifted.contains($0.key) }
        drift[report.target] = details
        return drifted.sorted().map { details[$0] ?? Drift(identity: $0, kind: .modified, fields: [], mode: .alert) }
    }
}
