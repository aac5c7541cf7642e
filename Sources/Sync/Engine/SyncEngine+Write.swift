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
        let owning = Set(targetState.inventory.map(\.identity)).union(planned.adopted)
        let listed = await writeOwnership(
            owning.union(decision.applied.map(\.identity)),
            over: &ownership,
            target: run.target.name,
            run: &run
        )
        guard listed else {
            let message = run.events.last { $0.name == .syncFailed }?.message ?? "the inventory could not be written"
            appendHistory(failedEntry(desired, message: message, run: run), run: &run)
            return nil
        }
        let applied = await apply(decision, cluster: cluster, run: &run)
        let pruneDecision = planned.pruneDecision(appliesSucceeded: applied.succeeded)
        // Nothing is pruned from a fallback; its prune waits for git (and keeps the alert it had). Nor by a sync
        // abandoned while applying: its prune is part of what it left undone.
        let pruned =
            desired.isFallback || run.interruption != nil
            ? [] : await prune(pruneDecision, state: &targetState, cluster: cluster, run: &run)
        let appliedResources = decision.applied.filter { applied.applied.contains($0.identity) }
        let watched = (rechecksHealth ? planned.plan.items.map(\.resource) : appliedResources).filter {
            ApplyPhase.of($0) >= .workloads
        }
        let health =
            applied.succeeded
            ? await waitUntilReady(
                watched,
                alsoReading: appliedResources,
                desired: desired.resources,
                cluster: cluster,
                run: &run
            ) : nil
        return SyncWrites(
            applied: applied,
            pruneDecision: pruneDecision,
            pruned: pruned,
            healthy: health?.ready ?? true,
            healthChecked: rechecksHealth || !watched.isEmpty,
            versions: await settledVersions(
                of: appliedResources,
                known: health?.live ?? [],
                desired: desired.resources,
                cluster: cluster
            )
        )
    }
}
