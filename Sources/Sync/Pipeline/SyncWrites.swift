import MooringCore
import Reconciler

/// What the writing stages of one target's sync did: apply, prune, and the health of what was applied.
struct SyncWrites {
    var applied: ApplyProgress
    var pruneDecision: PruneDecision
    var pruned: [ObjectIdentity]
    /// Whether what was applied (or re-checked) became healthy; `true` when nothing was waited for.
    var healthy: Bool
    /// Whether the health of any object was checked.
    var healthChecked: Bool
    /// The settled resourceVersion of each object applied.
    var versions: [ObjectIdentity: String]

    /// Whether the sync wrote anything to the cluster.
    var wroteSomething: Bool { !applied.applied.isEmpty || !pruned.isEmpty }
}
