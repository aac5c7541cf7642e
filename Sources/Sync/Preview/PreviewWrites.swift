import Cluster
import MooringCore
import Reconciler

/// The tail of a preview: what the plan would write, asked of the API server as dry-runs (forcing ownership where
/// the policy heals), and each object's change as the result shows it against the live object.
struct PreviewWrites {
    let cluster: ClusterClient
    let fieldManager: String

    /// One ``ObjectPreview`` per object `plan` would write and change, in plan order.
    func objects(_ plan: Plan) async throws(ClusterError) -> [ObjectPreview] {
        let written = plan.items.filter { $0.action != .unchanged }
        var expected: [ObjectIdentity: ApplyResult] = [:]
        for force in [false, true] {
            let batch = written.filter { ($0.mode == .heal) == force }
            guard !batch.isEmpty else { continue }
            let outcome = try await cluster.apply(batch.map(\.resource.object), force: force, dryRun: true)
            for result in outcome.results { expected[result.object] = result }
        }
        let creatingNamespaces = Set(written.filter { $0.resource.kind == "Namespace" }.map(\.resource.name))
        return written.compactMap { item -> ObjectPreview? in
            let result = expected[item.identity]
            var note = result?.error.map(\.message)
            if let namespace = item.identity.namespace, creatingNamespaces.contains(namespace),
                result?.error?.code == .notFound
            {
                note = nil  // its namespace is created by the same sync
            }
            return ObjectPreview.planned(item, expected: result, note: note, fieldManager: fieldManager)
        }
    }
}
