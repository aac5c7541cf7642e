import Cluster
import Foundation
import GitSource
import MooringCore
import Reconciler

extension SyncEngine {
    /// The live-state and plan stages: the cluster's inventory adopted into the journal's, the live objects read
    /// (`early`: a list taken while the commit was rendered), the plan made, objects that moved checked for drift,
    /// and the decision. `nil` when the cluster could not be read (a `sync_failed` event, and in `.apply` mode a
    /// history line). `journal` says whether the inventory can guard pruning and how Secret values are kept at rest.
    func plan(
        _ desired: DesiredSnapshot,
        ownership: Ownership,
        early: EarlyList?,
        cluster: ClusterClient,
        journal: TargetJournal,
        state targetState: inout TargetState,
        run: inout TargetRun,
        mode: SyncMode
    ) async -> PlannedSync? {
        let policy = run.target.policy.reconcilePolicy(overrides: desired.driftOverrides)
        if case .unreadable(let reason) = ownership {
            run.raise(SyncEvent(.syncFailed, .error, "\(reason); nothing is pruned until it can be read"))
        }
        let adopted = adopt(ownership, state: &targetState)
        let planned: (plan: Plan, decision: SyncDecision, live: Set<ObjectIdentity>)
        do {
            let (fresh, live) = try await livePlan(
                desired.resources,
                commit: desired.commit.hex,
                inventory: targetState.inventory,
                owned: adopted,
                early: early,
                policy: policy,
                atRest: journal.atRest,
                cluster: cluster,
                cache: liveCaches[run.target.name]
            )
            let plan = await readingFromCommit(fresh, desired: desired, target: run.target, run: &run)
            let drifts = try await driftChecks(
                plan,
                cluster: cluster,
                fieldManager: run.target.cluster.fieldManager,
                run: &run
            )
            planned = (plan, Planner.decide(plan, drifts: drifts), Set(live.keys))
        } catch {
            failedReading(error, desired: desired, run: &run, mode: mode)
            return nil
        }
        await reportDrift(planned.decision, state: &targetState, run: &run, mode: mode)
        var trusted = journal.inventoryTrusted && !desired.isFallback
        if case .unreadable = ownership { trusted = false }
        return PlannedSync(
            desired: desired,
            plan: planned.plan,
            decision: planned.decision,
            policy: policy,
            adopted: adopted,
            stillLive: planned.live,
            trusted: trusted
        )
    }

    /// Raises `sync_failed` for a cluster that could not be read (unless the sync was abandoned, which said so) and,
    /// in `.apply` mode, records it in the audit trail; a preview fails.
    private func failedReading(_ error: ClusterError, desired: DesiredSnapshot, run: inout TargetRun, mode: SyncMode) {
        run.fail(SyncError(code: .cluster, message: "reading the cluster failed: \(error.message)"))
        if !run.stopsHere() {
            run.raise(
                SyncEvent(
                    .syncFailed,
                    .error,
                    "reading the cluster failed: \(error.message)",
                    details: .init(code: error.code.description)
                )
            )
        }
        let message = run.events.last { $0.name == .syncFailed }?.message ?? error.message
        if mode.writes { appendHistory(failedEntry(desired, message: message, run: run), run: &run) }
    }

    /// `drift_healed` for every healed object; `drift` for alert-only drift when it differs from the
    /// drift last reported for that object. A preview's run keeps them for its report only: its drift is not timed
    /// by the live cache (`mooring_drift_detection_seconds`).
    private func reportDrift(
        _ decision: SyncDecision,
        state: inout TargetState,
        run: inout TargetRun,
        mode: SyncMode
    ) async {
        let cache = mode.previews ? nil : liveCaches[run.target.name]
        for drift in decision.healed {
            run.raise(
                SyncEvent(
                    .driftHealed,
                    .info,
                    "\(mode.writes ? "healing" : "would heal") drift of \(drift.summary)",
                    details: drift.eventDetails
                )
            )
            await cache?.driftRaised(for: drift.identity)
        }
        for drift in decision.alerted {
            let index = state.inventory.firstIndex { $0.identity == drift.identity }
            guard index.map({ state.inventory[$0].reportedDrift != drift.fingerprint }) ?? true else { continue }
            run.raise(
                SyncEvent(.drift, .warning, "drift of \(drift.summary) (alert only)", details: drift.eventDetails)
            )
            await cache?.driftRaised(for: drift.identity)
            if mode.writes, let index { state.inventory[index].reportedDrift = drift.fingerprint }
        }
    }
}
