import Cluster
import Foundation
import MooringCore
import Reconciler

extension SyncEngine {
    /// What the apply stage achieved.
    struct ApplyProgress {
        /// Objects the server accepted.
        var applied: Set<ObjectIdentity> = []
        /// Objects refused because another field manager owns fields (reported as drift).
        var conflicts: [ObjectIdentity: ClusterError] = [:]
        /// Whether anything else failed: a refused object, an unreachable cluster, a CRD never Established.
        var failed = false

        /// Whether every apply succeeded (conflicts count as failures: nothing is pruned then).
        var succeeded: Bool { conflicts.isEmpty && !failed }
    }

    /// Applies the batches in order, one kubectl call each, waiting for new CRDs to be Established
    /// before anything that may use them. Stops at the first batch with a refused object.
    func apply(_ decision: SyncDecision, cluster: ClusterClient, run: inout TargetRun) async -> ApplyProgress {
        var progress = ApplyProgress()
        for batch in decision.batches {
            run.begin("applying \(batch.resources.count) object(s)")
            guard let writer = fencedClient(&run) else {
                progress.failed = true
                return progress
            }
            let outcome: ApplyOutcome
            do {
                outcome = try await writer.apply(batch.resources.map(\.object), force: batch.force)
            } catch {
                if run.stopsHere() {
                    progress.failed = true
                    return progress
                }
                run.raise(
                    SyncEvent(
                        .syncFailed,
                        .error,
                        "apply failed: \(error.message)",
                        fields: ["code": error.code.description]
                    )
                )
                progress.failed = true
                return progress
            }
            for result in outcome.results {
                if result.applied {
                    progress.applied.insert(result.object)
                } else if let error = result.error {
                    if error.code == .conflict {
                        progress.conflicts[result.object] = error
                        let owners = error.conflicts.map(\.description).joined(separator: "; ")
                        run.raise(
                            SyncEvent(
                                .drift,
                                .warning,
                                "\(result.object) was changed in the cluster: \(owners); not taking ownership (drift: alert)",
                                fields: [
                                    "object": result.object.description,
                                    "fields": error.conflicts.flatMap(\.fields).joined(separator: ","),
                                    "managers": error.conflicts.map(\.manager).joined(separator: ","),
                                ]
                            )
                        )
                    } else {
                        progress.failed = true
                        run.raise(
                            SyncEvent(
                                .syncFailed,
                                .error,
                                "\(result.object) was refused: \(error.message)",
                                fields: ["object": result.object.description, "code": error.code.description]
                            )
                        )
                    }
                }
            }
            guard outcome.succeeded else { return progress }
            if batch.resources.contains(where: { $0.kind == "CustomResourceDefinition" }) {
                let crds = batch.resources.filter { $0.kind == "CustomResourceDefinition" }
                guard await waitUntilReady(crds, desired: crds, cluster: cluster, run: &run).ready else {
                    progress.failed = true
                    return progress
                }
            }
        }
        return progress
    }

    /// The resourceVersion of each applied object once the sync has settled, so the next sync knows
    /// they are unchanged without a dry-run: from `known` (what the readiness wait read last), the rest read as
    /// ``readLive(_:desired:cluster:)`` does; an object whose version could not be read is verified next sync.
    func settledVersions(
        of resources: [Resource],
        known: [JSONValue],
        desired: [Resource],
        cluster: ClusterClient
    ) async -> [ObjectIdentity: String] {
        let identities = Set(known.map { Resource(object: $0).identity })
        let references = resources.filter { !identities.contains($0.identity) }
            .compactMap { ObjectReference(object: $0.object) }
        let read = (try? await readLive(references, desired: desired, cluster: cluster)) ?? []
        var versions: [ObjectIdentity: String] = [:]
        for object in known + read {
            if let version = object["metadata"]?["resourceVersion"]?.stringValue {
                versions[Resource(object: object).identity] = version
            }
        }
        return versions
    }

    /// Deletes what the prune guard allows, in reverse apply order, in one call.
    func prune(
        _ decision: PruneDecision,
        state: inout TargetState,
        cluster: ClusterClient,
        run: inout TargetRun
    ) async
        -> [ObjectIdentity]
    {
        if !decision.blocked.isEmpty {
            let fingerprint = StableHash.hex(
                of: decision.blocked.map { "\($0.resource.identity)=\($0.reason)" }.joined(separator: "|")
            )
            if state.reportedPruneBlock != fingerprint {
                let lines = decision.blocked.map { "\($0.resource.identity) (\(Self.explain($0.reason)))" }
                run.raise(
                    SyncEvent(
                        .pruneBlocked,
                        .warning,
                        "not pruning \(decision.blocked.count) object(s): " + lines.joined(separator: ", "),
                        fields: ["objects": String(decision.blocked.count)]
                    )
                )
                state.reportedPruneBlock = fingerprint
            }
        } else {
            state.reportedPruneBlock = nil
        }
        guard !decision.prune.isEmpty else { return [] }
        run.begin("pruning \(decision.prune.count) object(s) removed from git")
        guard let writer = fencedClient(&run) else { return [] }
        let references = decision.prune.compactMap { ObjectReference(object: $0.object) }
        do {
            try await writer.delete(references)
            return decision.prune.map(\.identity)
        } catch {
            if run.stopsHere() { return [] }
            run.raise(SyncEvent(.syncFailed, .error, "prune failed: \(error.message)"))
            return []
        }
    }

    static func explain(_ reason: PruneDecision.Reason) -> String {
        switch reason {
        case .disabled: return "pruning is off in the host policy"
        case .emptyDesiredState: return "the desired state is empty: a commit that empties the folder, or a wrong path?"
        case .applyFailed: return "an apply of this sync failed"
        case .untrustedInventory: return "safe mode: the journal was damaged"
        case .overLimit: return "more deletions than policy.pruneLimit allows"
        case .protectedKind: return "a protected kind; allow it with policy.allowPruneKinds"
        }
    }
}
