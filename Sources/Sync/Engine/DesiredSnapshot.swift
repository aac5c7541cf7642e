import GitSource
import Manifests
import MooringCore

/// The desired state one target syncs to, and where it came from.
struct DesiredSnapshot: Sendable {
    /// The objects, unstamped (from git) or as last applied (fallback).
    var resources: [Resource]
    var models: [ModelSummary]
    /// Per-object drift policies of the models.
    var driftOverrides: [ObjectIdentity: DriftPolicy]
    /// The commit the state belongs to.
    var commit: CommitID
    var commitInfo: CommitInfo?
    /// Whether this is the journal's last applied state rather than a fresh render of git
    /// (git unreachable, or the new commit refused): nothing is pruned from it.
    var isFallback: Bool

    /// The holds stage's rule over this state.
    var holdRule: CanaryHoldRule { CanaryHoldRule(resources: resources, models: models, isFallback: isFallback) }
}

extension DesiredSnapshot {
    /// A fresh render of `commit`.
    init(_ desired: DesiredState, commit: CommitID, commitInfo: CommitInfo?) {
        self.init(
            resources: desired.resources,
            models: desired.models,
            driftOverrides: desired.driftOverrides,
            commit: commit,
            commitInfo: commitInfo,
            isFallback: false
        )
    }
}
