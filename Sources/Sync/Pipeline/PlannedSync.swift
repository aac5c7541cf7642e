import MooringCore
import Reconciler

/// One target's sync once its plan is decided: the desired state, the plan and what to do about each object,
/// and what the writing stages need to know to apply, prune and check health.
struct PlannedSync {
    var desired: DesiredSnapshot
    var plan: Plan
    var decision: SyncDecision
    var policy: ReconcilePolicy
    /// Objects the cluster's inventory lists that the journal has no record of.
    var adopted: Set<ObjectIdentity>
    /// The objects the live read found.
    var stillLive: Set<ObjectIdentity>
    /// Whether the inventory can guard pruning (the journal is intact, the cluster's inventory was read, and the
    /// desired state is not a fallback).
    var trusted: Bool

    /// What the prune guard decides for this plan, given whether the applies succeeded.
    func pruneDecision(appliesSucceeded: Bool) -> PruneDecision {
        PruneGuard.decide(
            candidates: plan.pruneCandidates,
            desiredCount: desired.resources.count,
            appliesSucceeded: appliesSucceeded,
            inventoryTrusted: trusted,
            policy: policy
        )
    }
}
