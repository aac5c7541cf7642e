import Cluster
import MooringCore
import Reconciler

/// The drift-check stage: dry-runs the desired state of objects whose live resourceVersion moved since Mooring
/// applied them (one kubectl call, forcing ownership so the result is what a heal would produce) and compares the
/// result with the live object; objects gone from the cluster drifted by deletion.
struct DriftCheckStage {
    var cluster: ClusterClient
    /// The target's field manager, whose own changes are not drift.
    var fieldManager: String

    /// The drift of each object of `plan` that moved or is gone. An object the dry-run refuses is left out, with a
    /// `sync_failed` event; throws when the dry-run cannot run at all.
    func run(_ plan: Plan, run: inout TargetRun) async throws(ClusterError) -> [ObjectIdentity: Drift] {
        var drifts: [ObjectIdentity: Drift] = [:]
        for item in plan.items(.recreate) {
            drifts[item.identity] = Drift(identity: item.identity, kind: .deleted, fields: [], mode: item.mode)
        }
        let suspects = plan.items(.verify)
        guard !suspects.isEmpty else { return drifts }
        run.progress("checking \(suspects.count) object(s) changed in the cluster since the last sync")
        let outcome = try await cluster.apply(suspects.map(\.resource.object), force: true, dryRun: true)
        for (item, result) in zip(suspects, outcome.results) {
            guard let expected = result.serverObject else {
                run.raise(
                    SyncEvent(
                        .syncFailed,
                        .error,
                        "cannot check \(item.identity) for drift: \(result.error?.message ?? "dry-run refused")",
                        details: .init(object: item.identity)
                    )
                )
                continue
            }
            drifts[item.identity] = DriftDetector.detect(
                identity: item.identity,
                expected: expected,
                live: item.live,
                mode: item.mode,
                fieldManager: fieldManager
            )
        }
        return drifts
    }
}
