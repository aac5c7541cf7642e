public import MooringCore

extension ClusterClient {
    /// The label Mooring puts on every object it manages.
    public static let managedBySelector = "app.kubernetes.io/managed-by=mooring"

    /// The live objects of `kinds` in all namespaces that carry `selector`, with their `managedFields`,
    /// in one call (`kubectl get -A -l … -o json --show-managed-fields -- k1,k2`).
    ///
    /// Every kind must be served by the cluster (see ``discover()``); an unknown one fails the call with
    /// ``ClusterError/Code/unknownKind``. The kinds come from manifests, so they follow every flag after
    /// `--`, where kubectl reads nothing as an option.
    public func listManaged(
        kinds: [GroupKind],
        selector: String = managedBySelector
    ) async throws(ClusterError)
        -> [JSONValue]
    {
        guard !kinds.isEmpty else { return [] }
        let types = kinds.map(\.description).joined(separator: ",")
        let command = KubectlCommand([
            "get", "--all-namespaces", "--selector", selector, "-o", "json", "--show-managed-fields", "--", types,
        ])
        return try await runner.run(command).checked().objects()
    }

    /// The live state of specific objects, with their `managedFields`, in one call.
    ///
    /// A missing object fails the call with ``ClusterError/Code/notFound`` naming it, unless
    /// `ignoreNotFound` is set: then it is left out of the result.
    public func get(
        _ references: [ObjectReference],
        ignoreNotFound: Bool = false
    ) async throws(ClusterError)
        -> [JSONValue]
    {
        guard !references.isEmpty else { return [] }
        let identities = references.map(\.identity)
        return try await ManifestFile.with(references.map(\.stub), command: "kubectl get") {
            (path) async throws(ClusterError) -> [JSONValue] in
            var arguments = ["get", "-f", path, "-o", "json", "--show-managed-fields"]
            if ignoreNotFound { arguments.append("--ignore-not-found") }
            let output = try await runner.run(KubectlCommand(arguments, objects: identities))
            guard output.succeeded else { throw output.failure(attributingTo: identities) }
            return try output.objects()
        }
    }

    /// Deletes `references` in one call (`kubectl delete -f … --ignore-not-found --wait=false`).
    ///
    /// Objects already gone are fine. The call returns once the API server accepted each deletion; it does
    /// not wait for finalizers, so an object may linger with a `deletionTimestamp` (a namespace stays
    /// `Terminating` while its contents go). Dependents are removed in the background (the default cascade).
    public func delete(_ references: [ObjectReference]) async throws(ClusterError) {
        guard !references.isEmpty else { return }
        let identities = references.map(\.identity)
        try await ManifestFile.with(references.map(\.stub), command: "kubectl delete") {
            (path) async throws(ClusterError) in
            let arguments = ["delete", "-f", path, "--ignore-not-found", "--wait=false"]
            let output = try await runner.run(KubectlCommand(arguments, objects: identities))
            guard output.succeeded else { throw output.failure(attributingTo: identities) }
        }
    }
}
