import Cluster
import MooringCore
import Reconciler

/// The tail of a preview: what the plan would create or update, asked of the API server as dry-runs (forcing
/// ownership where the policy heals), and each object's change as the result shows it against the live object; the
/// objects checked for drift as the plan's decision found them.
struct PreviewWrites {
    let cluster: ClusterClient

    /// One ``ObjectPreview`` per object `plan` would write and change, in plan order; `decision` is the plan's.
    func objects(_ plan: Plan, decision: SyncDecision) async throws(ClusterError) -> [ObjectPreview] {
        let written = plan.items.filter { $0.action != .unchanged }
        let expected = try await dryRun(written.filter { $0.action == .create || $0.action == .update })
        var drifts: [ObjectIdentity: Drift] = [:]
        for drift in decision.healed + decision.alerted { drifts[drift.identity] = drift }
        let creatingNamespaces = Set(written.filter { $0.resource.kind == "Namespace" }.map(\.resource.name))
        return written.compactMap { item -> ObjectPreview? in
            let result = expected[item.identity]
            var note = result?.error.map(\.message)
            if let namespace = item.identity.namespace, creatingNamespaces.contains(namespace),
                result?.error?.code == .notFound
            {
                note = nil  // its namespace is created by the same sync
            }
            return ObjectPreview.planned(item, expected: result, note: note, drift: drifts[item.identity])
        }
    }

    /// The server-side dry-runs of applying `items`: the ones the policy heals forced, the others not.
    private func dryRun(_ items: [PlanItem]) async throws(ClusterError) -> [ObjectIdentity: ApplyResult] {
        var expected: [ObjectIdentity: ApplyResult] = [:]
        for force in [false, true] {
            let batch = items.filter { ($0.mode == .heal) == force }
            guard !batch.isEmpty else { continue }
            let outcome = try await cluster.apply(batch.map(\.resource.object), force: force, dryRun: true)
            for result in outcome.results { expected[result.object] = result }
        }
        return expected
    }
}
