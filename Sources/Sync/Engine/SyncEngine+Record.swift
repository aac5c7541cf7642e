import Foundation
import GitSource
import MooringCore
import Reconciler

extension SyncEngine {
    /// The record stage (`refusedCommit`: the commit refused while `planned` is its fallback): the outcome, the
    /// journal and the audit trail (``RecordStage``), the cluster's inventory, the report.
    func recorded(
        _ planned: PlannedSync,
        _ writes: SyncWrites,
        refusedCommit: CommitID?,
        ownership: inout Ownership,
        state targetState: inout TargetState,
        run: inout TargetRun
    ) async -> TargetReport {
        let desired = planned.desired
        let outcome = RecordStage.outcome(planned, writes, refused: refusedCommit != nil, events: run.events)
        let stage = RecordStage(
            validatedPolicy: configuration.validationPolicy(for: run.target).fingerprint,
            now: Date()
        )
        let recorded = stage.run(outcome, planned: planned, writes: writes, state: targetState, run: run)
        targetState = recorded.state
        if let entry = recorded.history { appendHistory(entry, run: &run) }
        if let event = recorded.applied { run.raise(event) }
        let listing = InventoryListing.afterSync(
            owned: targetState.inventory.map(\.identity),
            adopted: planned.adopted,
            pruned: writes.pruned,
            desired: desired.resources.map(\.identity),
            stillLive: planned.stillLive
        )
        if let listed = await inventoryStage(for: run).write(listing, over: ownership, run: &run) {
            ownership = listed
        }
        state?[run.target.name] = targetState
        if !desired.isFallback, writes.applied.succeeded {
            inventoryTrusted = true
            memory.serving(desired.models, from: desired.commit, on: run.target.name)
        }
        return RecordStage.report(outcome, planned: planned, writes: writes, refusedCommit: refusedCommit, run: run)
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

    /// Appends a history line raised outside a sync (a canary aborted by its analysis).
    public func appendHistory(_ entry: HistoryEntry) throws(SyncError) {
        try journal.append(entry)
    }
}
