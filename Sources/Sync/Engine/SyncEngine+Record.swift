import Foundation
import GitSource
import Logging
import Manifests
import MooringCore
import Reconciler

extension SyncEngine {
    /// Backoff after a commit failed or was not healthy: 30 s, doubling, at most 30 minutes.
    static func backoff(attempts: Int) -> TimeInterval {
        min(30 * pow(2, Double(max(0, attempts - 1))), 1800)
    }

    /// Updates the target's journal state from what the sync did, and appends its history line.
    func record(
        _ outcome: TargetReport.Outcome,
        desired: DesiredSnapshot,
        plan: Plan,
        decision: SyncDecision,
        applied: ApplyProgress,
        versions: [ObjectIdentity: String],
        pruned: [ObjectIdentity],
        healthChecked: Bool,
        state: inout TargetState,
        run: inout TargetRun
    ) {
        var inventory = state.inventoryByIdentity
        let desiredIdentities = Set(desired.resources.map(\.identity))
        for item in plan.items {
            let identity = item.identity
            if applied.applied.contains(identity) {
                inventory[identity] = AppliedRecord(
                    identity: identity,
                    apiVersion: item.resource.apiVersion,
                    applied: item.resource.object,
                    sourceCommit: item.resource.annotations[ObjectLabels.sourceCommit] ?? desired.commit,
                    verifiedResourceVersion: versions[identity],
                    drift: desired.driftOverrides[identity]
                )
            } else if decision.clean.contains(identity), var record = inventory[identity] {
                record.verifiedResourceVersion = item.live?["metadata"]?["resourceVersion"]?.stringValue
                record.reportedDrift = nil
                inventory[identity] = record
            } else if decision.alerted.contains(where: { $0.identity == identity }), var record = inventory[identity] {
                // Checked at this version and found drifted (reported): look again only when it moves.
                record.verifiedResourceVersion = item.live?["metadata"]?["resourceVersion"]?.stringValue
                inventory[identity] = record
            }
        }
        for identity in state.inventory.map(\.identity) where !desiredIdentities.contains(identity) {
            let stillLive = plan.pruneCandidates.contains { $0.identity == identity }
            if pruned.contains(identity) || !stillLive { inventory[identity] = nil }
        }
        state.inventory = inventory.values.sorted { $0.identity < $1.identity }
        if !desired.isFallback {
            let removed = state.inventory.map(\.identity).filter { !desiredIdentities.contains($0) }
            state.removedFromGit = removed.isEmpty ? nil : removed
        }

        let previousModels = state.models
        let complete = applied.succeeded && !desired.isFallback
        if complete {
            state.lastAppliedCommit = desired.commit
            state.validatedPolicy = configuration.validationPolicy(for: run.target).fingerprint
            if !applied.applied.isEmpty || !pruned.isEmpty { state.lastAppliedAt = Date() }
            state.models = ModelState.serving(desired.models)
            state.renderedModels = desired.models
            state.refusedCommit = nil
        }
        switch outcome {
        case .degraded, .failed:
            // A sync stopped by a shutdown or a lost Lease says nothing about its commit: no backoff, and the next
            // sync checks it again at once.
            if let interruption = run.interruption, !interruption.backsOff {
                if state.unhealthyCommit != desired.commit { state.unhealthyAttempts = 0 }
                state.unhealthyCommit = desired.commit
                state.retryAfter = nil
                break
            }
            if state.unhealthyCommit == desired.commit {
                state.unhealthyAttempts += 1
            } else {
                state.unhealthyCommit = desired.commit
                state.unhealthyAttempts = 1
            }
            state.retryAfter = Date().addingTimeInterval(Self.backoff(attempts: state.unhealthyAttempts))
        case .applied, .inSync, .drifted:
            // A commit not healthy before stays so until a health check says otherwise.
            if state.unhealthyCommit != desired.commit || healthChecked {
                state.unhealthyCommit = nil
                state.unhealthyAttempts = 0
                state.retryAfter = nil
            }
        case .refused, .waiting, .planned:
            break
        }

        let changedModels = complete ? Self.modelChanges(from: previousModels, to: state.models) : []
        let wroteSomething = !applied.applied.isEmpty || !pruned.isEmpty
        let newAlerts = run.events.contains { [.drift, .pruneBlocked, .healthDegraded, .syncFailed].contains($0.name) }
        guard wroteSomething || newAlerts || !changedModels.isEmpty else { return }
        let created = plan.items.filter { $0.action == .create && applied.applied.contains($0.identity) }
        let updated = plan.items.filter { $0.action != .create && applied.applied.contains($0.identity) }
        let result: HistoryEntry.Result =
            switch outcome {
            case .applied, .inSync: .applied
            case .drifted: .drifted
            case .degraded: .degraded
            case .refused: .refused
            case .failed, .waiting, .planned: .failed
            }
        var driftRecords = decision.healed.map { Self.historyRecord($0, action: "heal") }
        driftRecords += decision.alerted.map { Self.historyRecord($0, action: "alert") }
        let messages = run.events.filter { $0.severity >= .warning && $0.name != .drift }.map(\.message)
        let entry = HistoryEntry(
            time: Date(),
            target: run.target.name,
            commit: desired.commit,
            author: desired.commitInfo.map { "\($0.author.name) <\($0.author.email)>" },
            subject: desired.commitInfo?.summary,
            result: result,
            models: changedModels,
            created: created.map(\.identity.description),
            updated: updated.map(\.identity.description),
            pruned: pruned.map(\.description),
            drift: driftRecords,
            message: messages.isEmpty ? nil : messages.joined(separator: "; "),
            durationSeconds: run.elapsedSeconds
        )
        appendHistory(entry, run: &run)
        if wroteSomething {
            let models = changedModels.map {
                "\($0.model) \($0.from?.summary ?? "(new)") → \($0.to?.summary ?? "(removed)")"
            }
            run.raise(
                SyncEvent(
                    .syncApplied,
                    .info,
                    "applied \(desired.commit.prefix(12)): \(created.count) created, \(updated.count) updated, \(pruned.count) pruned"
                        + (models.isEmpty ? "" : "; " + models.joined(separator: ", ")),
                    fields: [
                        "commit": desired.commit, "created": String(created.count), "updated": String(updated.count),
                        "pruned": String(pruned.count),
                    ]
                )
            )
        }
    }

    static func modelChanges(from old: [String: ModelState], to new: [String: ModelState]) -> [HistoryEntry.ModelChange]
    {
        Set(old.keys).union(new.keys).sorted().compactMap { name in
            guard old[name] != new[name] else { return nil }
            let namespace = new[name]?.namespace ?? old[name]?.namespace ?? ""
            return HistoryEntry.ModelChange(model: name, namespace: namespace, from: old[name], to: new[name])
        }
    }

    static func historyRecord(_ drift: Drift, action: String) -> HistoryEntry.DriftRecord {
        HistoryEntry.DriftRecord(
            object: drift.identity.description,
            fields: drift.kind == .deleted ? ["(deleted)"] : drift.fields.map(\.path.description),
            managers: drift.managers,
            action: action
        )
    }

    func refusedEntry(_ commit: String, run: TargetRun) -> HistoryEntry {
        HistoryEntry(
            time: Date(),
            target: run.target.name,
            commit: commit,
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
            commit: desired.commit,
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

    /// `object` as the journal keeps it at rest (Secret values sealed): what change detection compares.
    func atRest(_ object: JSONValue) -> JSONValue {
        secretSeal?.sealed(object) ?? object
    }
}
