import Cluster
import Foundation
import MooringCore
import Reconciler

extension SyncEngine {
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
                        details: .init(code: error.code.description)
                    )
                )
                progress.failed = true
                return progress
            }
            progress.add(outcome, run: &run)
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
                let lines = decision.blocked.map { "\($0.resource.identity) (\($0.reason.explanation))" }
                run.raise(
                    SyncEvent(
                        .pruneBlocked,
                        .warning,
                        "not pruning \(decision.blocked.count) object(s): " + lines.joined(separator: ", "),
                        details: .init(objects: decision.blocked.count)
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
}
