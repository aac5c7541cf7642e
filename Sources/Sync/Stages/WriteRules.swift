import MooringCore
import Reconciler

/// The pure decisions that sequence a sync's writes: whether it prunes, whose health it waits for.
enum WriteRules {
    /// Whether the sync prunes. Nothing is pruned from a fallback (its prune waits for git, and keeps the alert it
    /// had), nor by a sync abandoned while applying (its prune is part of what it left undone).
    static func prunes(fallback: Bool, interrupted: Bool) -> Bool {
        !fallback && !interrupted
    }

    /// The objects of `decision` the apply stage applied, in the decision's order.
    static func applied(_ decision: SyncDecision, progress: ApplyProgress) -> [Resource] {
        decision.applied.filter { progress.applied.contains($0.identity) }
    }

    /// The objects whose health the sync waits for: every object of the plan when it re-checks health (the last
    /// sync of this commit was unhealthy), else those it applied; only workloads and later phases.
    static func watched(rechecksHealth: Bool, planned: [Resource], applied: [Resource]) -> [Resource] {
        (rechecksHealth ? planned : applied).filter { ApplyPhase.of($0) >= .workloads }
    }
}
