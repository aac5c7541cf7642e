public import Foundation
public import GitSource
public import MooringCore
public import Reconciler

/// What one sync did for one target, and where the target stands after it: everything the command-line tool,
/// the daemon's status, its metrics and its alerts show, so that none of them asks the engine again.
public struct TargetReport: Sendable {
    /// How the sync ended.
    public enum Outcome: String, Sendable {
        /// Nothing to change.
        case inSync = "in-sync"
        /// Changes were applied (and became healthy).
        case applied
        /// Drift was found and left in place (alert-only).
        case drifted
        /// Applied, but not healthy within the timeout.
        case degraded
        /// The commit was refused (invalid, a failed gate); the last good state stays.
        case refused
        /// git, kubectl or the cluster failed.
        case failed
        /// A commit that failed recently is not retried before its backoff ends.
        case waiting
        /// `--dry-run`: what would be done, nothing changed.
        case planned

        /// Whether the command should exit non-zero: the cluster is not at the commit (`waiting`: its last
        /// attempt failed and it is not retried yet).
        public var isFailure: Bool { self == .refused || self == .failed || self == .degraded || self == .waiting }
    }

    public var target: String
    public var outcome: Outcome
    /// The commit the desired state came from: for a refused commit, the last applied one, still serving (`nil`
    /// when nothing was applied before).
    public var commit: CommitID?
    /// What `commit` says about itself (author, subject), when the mirror could read it.
    public var commitInfo: CommitInfo?
    /// The commit refused by this sync (invalid, a failed gate, a rejected signature), or `nil`.
    public var refusedCommit: CommitID?
    /// What `refusedCommit` says about itself, when the mirror could read it.
    public var refusedCommitInfo: CommitInfo?
    /// The last commit applied in full, as the journal holds it after this sync.
    public var lastAppliedCommit: CommitID?
    /// When a commit that failed is tried again, while its backoff runs.
    public var retryAfter: Date?
    /// The models serving after this sync, by name.
    public var served: [ServedModel] = []
    /// The objects left drifted under `drift: alert` after this sync (found now, or found before and not moved
    /// since); `nil` when the cluster was not read.
    public var driftedObjects: [ObjectIdentity]?
    /// The objects the journal holds as drifted (alert-only) after this sync, each with the drift last found on
    /// it by this process (no fields when it was found by an earlier one).
    public var drift: [Drift] = []
    public var events: [SyncEvent]
    /// Objects created, updated or re-applied to heal drift.
    public var applied: [ObjectIdentity]
    public var pruned: [ObjectIdentity]
    /// The plan and decision, for `--dry-run` and `diff`.
    public var decision: SyncDecision?
    public var pruneDecision: PruneDecision?
    public var duration: Duration
    /// What a sync abandoned on the way (a shutdown, its deadline, a lost Lease) left undone.
    public var leftUndone: String?
    /// In `.preview` mode: what a sync would change, object by object; `nil` when the preview could not be made.
    public var preview: TargetPreview?
    /// In `.preview` mode, why the preview could not be made.
    var failure: SyncError?

    public init(
        target: String,
        outcome: Outcome,
        commit: CommitID?,
        refusedCommit: CommitID? = nil,
        events: [SyncEvent] = [],
        applied: [ObjectIdentity] = [],
        pruned: [ObjectIdentity] = [],
        decision: SyncDecision? = nil,
        pruneDecision: PruneDecision? = nil,
        duration: Duration = .zero,
        leftUndone: String? = nil
    ) {
        self.target = target
        self.outcome = outcome
        self.commit = commit
        self.refusedCommit = refusedCommit
        self.events = events
        self.applied = applied
        self.pruned = pruned
        self.decision = decision
        self.pruneDecision = pruneDecision
        self.duration = duration
        self.leftUndone = leftUndone
    }
}
