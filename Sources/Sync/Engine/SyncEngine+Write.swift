import Cluster
import Foundation
import MooringCore
import Reconciler

extension SyncEngine {
    /// The writing stages: the cluster's inventory first (so whichever host leads next can prune what is about to be
    /// created), then apply, prune and the health of what was applied. `nil` when the inventory could not be written
    /// (nothing was applied; the failure is in the audit trail).
    func write(
        _ planned: PlannedSync,
        rechecksHealth: Bool,
        ownership: inout Ownership,
        cluster: ClusterClient,
        state targetState: inout TargetState,
        run: inout TargetRun
    ) async -> SyncWrites? {
        let (desired, decision) = (planned.desired, planned.decision)
        let listing = InventoryListing.beforeApply(
            owned: targetState.inventory.map(\.identity),
            adopted: planned.adopted,
            applying: decision.applied.map(\.identity)
        )
        guard let listed = await inventoryStage(for: run).write(listing, over: ownership, run: &run) else {
            let message = run.events.last { $0.name == .syncFailed }?.message ?? "the inventory could not be written"
            appendHistory(failedEntry(desired, message: message, run: run), run: &run)
            return nil
        }
        ownership = listed
        let applied = await applyStage(for: run, cluster: cluster).run(decision, run: &run)
        let pruneDecision = planned.pruneDecision(appliesSucceeded: applied.succeeded)
        let prunes = WriteRules.prunes(fallback: desired.isFallback, interrupted: run.interruption != nil)
        let pruned = prunes ? await prune(pruneDecision, state: &targetState, run: &run) : []
        let appliedResources = WriteRules.applied(decision, progress: applied)
        let watched = WriteRules.watched(
            rechecksHealth: rechecksHealth,
            planned: planned.plan.items.map(\.resource),
            applied: appliedResources
        )
        let health = healthStage(cluster: cluster)
        let result =
            applied.succeeded
            ? await health.run(watched, alsoReading: appliedResources, desired: desired.resources, run: &run) : nil
        return SyncWrites(
            applied: applied,
            pruneDecision: pruneDecision,
            pruned: pruned,
            healthy: result?.ready ?? true,
            healthChecked: rechecksHealth || !watched.isEmpty,
            versions: await health.settledVersions(
                of: appliedResources,
                known: result?.live ?? [],
                desired: desired.resources
            )
        )
    }
}
