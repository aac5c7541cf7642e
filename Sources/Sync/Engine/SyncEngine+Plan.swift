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
        reader: LiveReader,
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
            let live = try await LiveStateStage(reader: reader).run(
                desired: desired.resources,
                inventory: targetState.inventory,
                owned: adopted,
                early: early
            )
            let fresh = PlanStage(policy: policy, atRest: journal.atRest)
                .run(desired, live: live, inventory: targetState.inventory, adopted: adopted)
            let plan = await fallbackReread(for: run.target).run(fresh, desired: desired, run: &run)
            let drifts = try await DriftCheckStage(
                cluster: reader.cluster,
                fieldManager: run.target.cluster.fieldManager
            )
            .run(plan, run: &run)
            planned = (plan, Planner.decide(plan, drifts: drifts), Set(live.keys))
        } catch {
            failedReading(error, desired: desired, run: &run, mode: mode)
            return nil
        }
        await reportDrift(planned.decision, state: &targetState, run: &run, mode: mode)
        return PlannedSync(
            desired: desired,
            plan: planned.plan,
            decision: planned.decision,
            policy: policy,
            adopted: adopted,
            stillLive: planned.live,
            trusted: PlanStage.trusted(
                journal: journal.inventoryTrusted,
                fallback: desired.isFallback,
                ownership: ownership
            )
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

    /// Tells the drift of `decision` (``DriftReport``) and records what it reported in `state`. A preview's run keeps
    /// its events for its report only: its drift is not timed by the live cache (`mooring_drift_detection_seconds`).
    private func reportDrift(
        _ decision: SyncDecision,
        state: inout TargetState,
        run: inout TargetRun,
        mode: SyncMode
    ) async {
        let report = DriftReport(decision, inventory: state.inventory, writes: mode.writes)
        let cache = mode.previews ? nil : liveCaches[run.target.name]
        for (event, object) in zip(report.events, report.objects) {
            run.raise(event)
            await cache?.driftRaised(for: object)
        }
        report.record(in: &state)
    }

    /// The fallback re-read stage (``FallbackRereadStage``) for `target`, with the signature verdicts this engine
    /// keeps.
    private func fallbackReread(for target: TargetSettings) -> FallbackRereadStage {
        FallbackRereadStage(
            target: target,
            policy: configuration.validationPolicy(for: target),
            mirror: mirror,
            verifying: configuration.source.verifyMode != .off,
            verdict: verdicts()
        )
    }
}
