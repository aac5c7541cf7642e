public import MooringCore

/// Decides which prune candidates may be deleted. Nothing is pruned unless Mooring's inventory says
/// it created the object, the desired set is not empty, every apply succeeded, and the count is
/// within the limit; protected kinds are never pruned unless the host allows them by name.
public enum PruneGuard {
    /// - Parameters:
    ///   - candidates: live objects carrying Mooring's label that Mooring's inventory holds and the
    ///     desired state no longer does.
    ///   - desiredCount: how many objects the desired state has.
    ///   - appliesSucceeded: whether every apply of this sync succeeded.
    ///   - inventoryTrusted: whether the journal was read intact.
    public static func decide(
        candidates: [Resource],
        desiredCount: Int,
        appliesSucceeded: Bool,
        inventoryTrusted: Bool,
        policy: ReconcilePolicy
    ) -> PruneDecision {
        guard !candidates.isEmpty else { return PruneDecision() }
        let ordered = pruneOrder(candidates)
        let blanket: PruneDecision.Reason? =
            if !policy.prune {
                .disabled
            } else if !inventoryTrusted {
                .untrustedInventory
            } else if desiredCount == 0 {
                .emptyDesiredState
            } else if !appliesSucceeded {
                .applyFailed
            } else {
                nil
            }
        if let blanket { return PruneDecision(blocked: ordered.map { ($0, blanket) }) }
        let protected = ordered.filter {
            ReconcilePolicy.protectedKinds.contains($0.kind) && !policy.allowPruneKinds.contains($0.kind)
        }
        let prunable = ordered.filter { candidate in !protected.contains(candidate) }
        let blockedProtected = protected.map { ($0, PruneDecision.Reason.protectedKind) }
        guard prunable.count <= policy.pruneLimit else {
            return PruneDecision(blocked: blockedProtected + prunable.map { ($0, .overLimit) })
        }
        return PruneDecision(prune: prunable, blocked: blockedProtected)
    }

    /// Reverse apply order: models and workloads before configuration, namespaces last.
    static func pruneOrder(_ resources: [Resource]) -> [Resource] {
        ApplyPhase.ordered(resources).reversed().flatMap { $0.resources.reversed() }
    }
}
