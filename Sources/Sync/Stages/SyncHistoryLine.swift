import Foundation
import GitSource
import MooringCore
import Reconciler

/// The audit trail's line for a sync that got to apply, and its `sync_applied` event: pure.
struct SyncHistoryLine {
    var planned: PlannedSync
    var writes: SyncWrites
    /// The models whose serving versions the sync changed.
    var models: [HistoryEntry.ModelChange]

    /// Whether the sync gets a history line: it wrote something, raised an alert or changed a model.
    static func isDue(writes: SyncWrites, events: [SyncEvent], models: [HistoryEntry.ModelChange]) -> Bool {
        let alerted = events.contains { [.drift, .pruneBlocked, .healthDegraded, .syncFailed].contains($0.name) }
        return writes.wroteSomething || alerted || !models.isEmpty
    }

    /// The line's message: every warning and error the sync raised but drift (the line lists drift itself), in
    /// order; `nil` when there are none.
    static func message(_ events: [SyncEvent]) -> String? {
        let messages = events.filter { $0.severity >= .warning && $0.name != .drift }.map(\.message)
        return messages.isEmpty ? nil : messages.joined(separator: "; ")
    }

    /// The plan's objects the sync created.
    var created: [PlanItem] {
        planned.plan.items.filter { $0.action == .create && writes.applied.applied.contains($0.identity) }
    }

    /// The plan's objects the sync applied that existed before.
    var updated: [PlanItem] {
        planned.plan.items.filter { $0.action != .create && writes.applied.applied.contains($0.identity) }
    }

    /// The history entry of the sync that ended as `outcome`, written at `time`.
    func entry(_ outcome: TargetReport.Outcome, run: TargetRun, at time: Date) -> HistoryEntry {
        let desired = planned.desired
        let drift =
            planned.decision.healed.map { $0.historyRecord(action: "heal") }
            + planned.decision.alerted.map { $0.historyRecord(action: "alert") }
        return HistoryEntry(
            time: time,
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
            message: Self.message(run.events),
            durationSeconds: run.elapsedSeconds
        )
    }

    /// `sync_applied`, counting what was created, updated and pruned and naming each model change; `nil` when the
    /// sync wrote nothing.
    var appliedEvent: SyncEvent? {
        guard writes.wroteSomething else { return nil }
        let commit = planned.desired.commit
        let (created, updated, pruned) = (created.count, updated.count, writes.pruned.count)
        let changes = models.map { "\($0.model) \($0.from?.summary ?? "(new)") → \($0.to?.summary ?? "(removed)")" }
        return SyncEvent(
            .syncApplied,
            .info,
            "applied \(commit.short): \(created) created, \(updated) updated, \(pruned) pruned"
                + (changes.isEmpty ? "" : "; " + changes.joined(separator: ", ")),
            details: .init(commit: commit, created: created, updated: updated, pruned: pruned)
        )
    }
}
