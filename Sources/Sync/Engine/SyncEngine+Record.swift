import Foundation
import GitSource
import Logging
import Manifests
import MooringCore
import Reconciler

extension SyncEngine {
    /// The record stage (`refusedCommit`: the commit refused while `planned` is its fallback): the outcome, the journal and the audit trail, the cluster's inventory, the report.
    func recorded(
        _ planned: PlannedSync,
        _ writes: SyncWrites,
        refusedCommit: CommitID?,
        ownership: inout Ownership,
        state targetState: inout TargetState,
        run: inout TargetRun
    ) async -> TargetReport {
        let (desired, plan, decision) = (planned.desired, planned.plan, planned.decision)
        let outcome = TargetReport.Outcome(
            refused: refusedCommit != nil,
            failed: writes.applied.failed || run.events.contains { $0.name == .syncFailed },
            conflicts: !writes.applied.conflicts.isEmpty,
            healthy: writes.healthy,
            wroteSomething: writes.wroteSomething,
            driftLeft: !Self.drifted(plan, decision: decision).isEmpty
        )
        record(outcome, planned: planned, writes: writes, state: &targetState, run: &run)
        let desiredIdentities = Set(desired.resources.map(\.identity))
        let kept = planned.adopted.filter {
            !writes.pruned.contains($0) && (desiredIdentities.contains($0) || planned.stillLive.contains($0))
        }
        let listing = Set(targetState.inventory.map(\.identity)).union(kept)
        if let listed = await inventoryStage(for: run).write(listing, over: ownership, run: &run) {
            ownership = listed
        }
        state?[run.target.name] = targetState
        if !desired.isFallback, writes.applied.succeeded {
            inventoryTrusted = true
            memory.serving(desired.models, from: desired.commit, on: run.target.name)
        }
        var report = run.report(
            outcome,
            commit: desired.commit,
            refusedCommit: refusedCommit,
            applied: writes.applied.applied.sorted(),
            pruned: writes.pruned
        )
        report.decision = decision
        report.pruneDecision = writes.pruneDecision
        report.driftedObjects = Self.drifted(plan, decision: decision)
        return report
    }

    /// The objects left drifted under `drift: alert`: found now, or found before and not moved since.
    static func drifted(_ plan: Plan, decision: SyncDecision) -> [ObjectIdentity] {
        let persisting = plan.items.filter { $0.action == .unchanged && $0.previous?.reportedDrift != nil }
        return Set(decision.alerted.map(\.identity) + persisting.map(\.identity)).sorted()
    }

    /// Updates the target's journal state from what the sync did — the inventory, the last applied commit and its
    /// models, the backoff — and, when the sync wrote something, raised an alert or changed a model, appends its
    /// history line.
    func record(
        _ outcome: TargetReport.Outcome,
        planned: PlannedSync,
        writes: SyncWrites,
        state: inout TargetState,
        run: inout TargetRun
    ) {
        let desired = planned.desired
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
        if complete {
            state.lastAppliedCommit = desired.commit.hex
            state.validatedPolicy = configuration.validationPolicy(for: run.target).fingerprint
            if writes.wroteSomething { state.lastAppliedAt = Date() }
            state.models = ModelState.serving(desired.models)
            state.renderedModels = desired.models
            state.refusedCommit = nil
        }
        Backoff.record(
            outcome,
            of: desired.commit,
            interruption: run.interruption,
            healthChecked: writes.healthChecked,
            in: &state,
            now: Date()
        )
        let changedModels = complete ? HistoryEntry.modelChanges(from: previousModels, to: state.models) : []
        let newAlerts = run.events.contains { [.drift, .pruneBlocked, .healthDegraded, .syncFailed].contains($0.name) }
        guard writes.wroteSomething || newAlerts || !changedModels.isEmpty else { return }
        appendHistoryLine(outcome, planned: planned, writes: writes, models: changedModels, run: &run)
    }

    /// The history line of a sync that got to apply, and its `sync_applied` event when it wrote something.
    private func appendHistoryLine(
        _ outcome: TargetReport.Outcome,
        planned: PlannedSync,
        writes: SyncWrites,
        models: [HistoryEntry.ModelChange],
        run: inout TargetRun
    ) {
        let (desired, applied) = (planned.desired, writes.applied.applied)
        let created = planned.plan.items.filter { $0.action == .create && applied.contains($0.identity) }
        let updated = planned.plan.items.filter { $0.action != .create && applied.contains($0.identity) }
        let drift =
            planned.decision.healed.map { $0.historyRecord(action: "heal") }
            + planned.decision.alerted.map { $0.historyRecord(action: "alert") }
        let messages = run.events.filter { $0.severity >= .warning && $0.name != .drift }.map(\.message)
        let entry = HistoryEntry(
            time: Date(),
            target: run.target.name,
            commit: desired.commit.hex,
            author: desired.commitInfo.map { "\($0.author.name) <\($0.author.email)>" },
            subject: desired.commitInfo?.summary,
            result: HistoryEntry.Result(outcome),
            models: models,
            created: created.map(\.identity.description),
            updated: updated.map(\.identity.description),
            pruned: writes.pruned.map(\.description),
            drift: drift,
            message: messages.isEmpty ? nil : messages.joined(separator: "; "),
            durationSeconds: run.elapsedSeconds
        )
        appendHistory(entry, run: &run)
        guard writes.wroteSomething else { return }
        let changes = models.map { "\($0.model) \($0.from?.summary ?? "(new)") → \($0.to?.summary ?? "(removed)")" }
        run.raise(
            SyncEvent(
                .syncApplied,
                .info,
                "applied \(desired.commit.short): \(created.count) created, \(updated.count) updated, "
                    + "\(writes.pruned.count) pruned" + (changes.isEmpty ? "" : "; " + changes.joined(separator: ", ")),
                details: .init(
                    commit: desired.commit,
                    created: created.count,
                    updated: updated.count,
                    pruned: writes.pruned.count
                )
            )
        )
    }

    func refusedEntry(_ commit: CommitID, run: TargetRun) -> HistoryEntry {
        HistoryEntry(
            time: Date(),
            target: run.target.name,
            commit: commit.hex,
            result: .refused,
            message: run.events.filter { [.validationFailed, .signatureRejected].contains($0.name) }.map(\.message)
                .joined(separator: "; "),
            durationSeconds: run.elapsedSeconds
        )
    }

    func failedEntry(_ desired: DesiredSnapshot, message: String, run: TargetRun) -> HistoryEntry {
        HistoryEntry(
            time: Date(),
            target: run.target.name,
            commit: desired.commit.hex,
            result: .failed,
            message: message,
            durationSeconds: run.elapsedSeconds
        )
    }

    /// Appends to `history.jsonl`; a failure is a `sync_failed` event (what was done stays done).
    func appendHistory(_ entry: HistoryEntry, run: inout TargetRun) {
        do {
            try journal.append(entry)
        } catch {
            run.raise(SyncEvent(.syncFailed, .error, "history.jsonl could not be written: \(error.message)"))
        }
    }
}
