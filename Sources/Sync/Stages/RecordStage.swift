import Foundation
import GitSource
import MooringCore
import Reconciler

/// The record stage: how a sync that got to apply ended, and what it leaves behind — the target's journal state,
/// its history line, its report. Pure: the engine stores and tells what it returns.
struct RecordStage {
    /// The fingerprint of the target's validation policy, recorded with a commit applied in full.
    var validatedPolicy: String
    var now: Date

    /// How the sync ended (`refused`: it applied the fallback of a refused commit), from what it wrote and the
    /// events it raised.
    static func outcome(
        _ planned: PlannedSync,
        _ writes: SyncWrites,
        refused: Bool,
        events: [SyncEvent]
    ) -> TargetReport.Outcome {
        TargetReport.Outcome(
            refused: refused,
            failed: writes.applied.failed || events.contains { $0.name == .syncFailed },
            conflicts: !writes.applied.conflicts.isEmpty,
            healthy: writes.healthy,
            wroteSomething: writes.wroteSomething,
            driftLeft: !drifted(planned.plan, decision: planned.decision).isEmpty
        )
    }

    /// The objects left drifted under `drift: alert`: found now, or found before and not moved since.
    static func drifted(_ plan: Plan, decision: SyncDecision) -> [ObjectIdentity] {
        let persisting = plan.items.filter { $0.action == .unchanged && $0.previous?.reportedDrift != nil }
        return Set(decision.alerted.map(\.identity) + persisting.map(\.identity)).sorted()
    }

    /// The target's journal state updated from what the sync did — the inventory, the last applied commit and its
    /// models, the backoff — and, when the sync wrote something, raised an alert or changed a model, its history
    /// line.
    func run(
        _ outcome: TargetReport.Outcome,
        planned: PlannedSync,
        writes: SyncWrites,
        state: TargetState,
        run: TargetRun
    ) -> RecordedSync {
        let desired = planned.desired
        var state = state
        state.updateInventory(
            plan: planned.plan,
            decision: planned.decision,
            applied: writes.applied.applied,
            versions: writes.versions,
            pruned: writes.pruned,
            desired: desired
        )
        let previousModels = state.models
        let complete = writes.applied.succeeded && !desired.isFallback
        if complete { recordComplete(desired, wroteSomething: writes.wroteSomething, in: &state) }
        Backoff.record(
            outcome,
            of: desired.commit,
            interruption: run.interruption,
            healthChecked: writes.healthChecked,
            in: &state,
            now: now
        )
        let changedModels = complete ? HistoryEntry.modelChanges(from: previousModels, to: state.models) : []
        guard SyncHistoryLine.isDue(writes: writes, events: run.events, models: changedModels) else {
            return RecordedSync(state: state)
        }
        let line = SyncHistoryLine(planned: planned, writes: writes, models: changedModels)
        return RecordedSync(state: state, history: line.entry(outcome, run: run, at: now), applied: line.appliedEvent)
    }

    /// The target's report of the sync, from its run's events and what it wrote.
    static func report(
        _ outcome: TargetReport.Outcome,
        planned: PlannedSync,
        writes: SyncWrites,
        refusedCommit: CommitID?,
        run: TargetRun
    ) -> TargetReport {
        var report = run.report(
            outcome,
            commit: planned.desired.commit,
            refusedCommit: refusedCommit,
            applied: writes.applied.applied.sorted(),
            pruned: writes.pruned
        )
        report.decision = planned.decision
        report.pruneDecision = writes.pruneDecision
        report.driftedObjects = drifted(planned.plan, decision: planned.decision)
        return report
    }

    /// Records `desired` as applied in full: its commit, the policy it was validated under, its models.
    private func recordComplete(_ desired: DesiredSnapshot, wroteSomething: Bool, in state: inout TargetState) {
        state.lastAppliedCommit = desired.commit.hex
        state.validatedPolicy = validatedPolicy
        if wroteSomething { state.lastAppliedAt = now }
        state.models = ModelState.serving(desired.models)
        state.renderedModels = desired.models
        state.refusedCommit = nil
    }
}
