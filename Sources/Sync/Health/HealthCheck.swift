import Cluster
import Manifests
import MooringCore
import Reconciler

/// What healthy means for the objects a sync applied, in one place: which kinds a sync waits for, whether a live
/// object has become what its spec asks (``Readiness``, read from its status), and whether a model object serves
/// the version and artifact its desired state names (``ServedVersionCheck``). The health stage asks only this.
struct HealthCheck {
    /// Kinds whose readiness a sync waits for after applying them.
    static let watchedKinds: Set<String> = ["Deployment", "InferenceService", "CustomResourceDefinition"]

    /// The objects checked, in the order given, each with its desired state.
    let watched: [(reference: ObjectReference, desired: JSONValue)]

    /// A check of those of `resources` whose kind a sync waits for.
    init(_ resources: [Resource]) {
        let resources = resources.filter { Self.watchedKinds.contains($0.kind) }
        let desired = Dictionary(resources.map { ($0.identity, $0.object) }, uniquingKeysWith: { first, _ in first })
        watched = resources.compactMap { resource in
            ObjectReference(object: resource.object).map { ($0, desired[$0.identity] ?? resource.object) }
        }
    }

    /// Whether there is nothing to wait for.
    var isEmpty: Bool { watched.isEmpty }

    /// Why each watched object is not healthy in `live` (the objects read, by identity), a few words each; empty
    /// when every one is.
    func problems(in live: [ObjectIdentity: JSONValue]) -> [String] {
        watched.compactMap { reference, desired in
            guard let object = live[reference.identity] else { return "\(reference.identity) does not exist" }
            let readiness = Readiness(of: object)
            guard readiness.isReady else { return readiness.description }
            return ServedVersionCheck.mismatch(desired: desired, live: object).map { "\(reference.identity) \($0)" }
        }
    }
}
