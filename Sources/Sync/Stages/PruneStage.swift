import Cluster
import MooringCore
import Reconciler

/// The prune stage: deletes what the prune guard allows, in reverse apply order, in one call, and tells what it
/// blocks (once for the same blocked objects and reasons).
struct PruneStage {
    var gate: WriteGate

    /// Prunes as `decision` says; `reported` is the fingerprint of the blocked prunes reported before. Returns the
    /// objects deleted, and the fingerprint of the blocked prunes reported now.
    func run(
        _ decision: PruneDecision,
        reported: String?,
        run: inout TargetRun
    ) async -> (pruned: [ObjectIdentity], reportedBlock: String?) {
        let fingerprint = Self.fingerprint(of: decision.blocked)
        if let fingerprint, fingerprint != reported {
            run.raise(Self.blockedEvent(decision.blocked))
        }
        return (await delete(decision.prune, run: &run), fingerprint)
    }

    /// Deletes `resources` in one call; the identities deleted, none when the call failed (`sync_failed`).
    private func delete(_ resources: [Resource], run: inout TargetRun) async -> [ObjectIdentity] {
        guard !resources.isEmpty else { return [] }
        run.begin("pruning \(resources.count) object(s) removed from git")
        guard let writer = gate.client(&run) else { return [] }
        do {
            try await writer.delete(resources.compactMap { ObjectReference(object: $0.object) })
            return resources.map(\.identity)
        } catch {
            if !run.stopsHere() { run.raise(SyncEvent(.syncFailed, .error, "prune failed: \(error.message)")) }
            return []
        }
    }

    /// What identifies a set of blocked prunes (each object and its reason), so that the same block is reported
    /// once; `nil` when nothing is blocked.
    static func fingerprint(of blocked: [(resource: Resource, reason: PruneDecision.Reason)]) -> String? {
        guard !blocked.isEmpty else { return nil }
        return StableHash.hex(of: blocked.map { "\($0.resource.identity)=\($0.reason)" }.joined(separator: "|"))
    }

    /// The `prune_blocked` event naming each blocked object and why.
    static func blockedEvent(_ blocked: [(resource: Resource, reason: PruneDecision.Reason)]) -> SyncEvent {
        let lines = blocked.map { "\($0.resource.identity) (\($0.reason.explanation))" }
        return SyncEvent(
            .pruneBlocked,
            .warning,
            "not pruning \(blocked.count) object(s): " + lines.joined(separator: ", "),
            details: .init(objects: blocked.count)
        )
    }
}
