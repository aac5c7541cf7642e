public import MooringCore

extension ClusterClient {
    /// Server-side applies `objects` in one kubectl call, in their order, as Mooring's field manager.
    ///
    /// kubectl keeps going past a refused object: it prints the name of each applied object on standard
    /// output and one error per refused object on standard error, both in the order of the objects. The
    /// outcome pairs every object with its fate. A failure of the whole call (server unreachable, credentials
    /// refused, deadline passed, a manifest kubectl cannot read) is thrown instead.
    ///
    /// - Parameters:
    ///   - force: take over fields another manager owns (`--force-conflicts`) instead of failing with
    ///     ``ClusterError/Code/conflict``.
    ///   - dryRun: `--dry-run=server`: the server validates and returns the objects it would store
    ///     (``ApplyResult/serverObject``) and changes nothing. kubectl prints those objects only when every
    ///     one passes; when some fail, the dry run is repeated to learn which, and once more for the objects
    ///     of those that passed — harmless, as nothing is stored.
    public func apply(
        _ objects: [JSONValue],
        force: Bool = false,
        dryRun: Bool = false
    ) async throws(ClusterError)
        -> ApplyOutcome
    {
        guard !objects.isEmpty else { return ApplyOutcome(results: [], dryRun: dryRun) }
        guard dryRun else { return try await applyReportingNames(objects, force: force, dryRun: false) }
        if let everyObject = try await dryRunObjects(objects, force: force) {
            return ApplyOutcome(
                results: zip(objects, everyObject).map {
                    ApplyResult(object: Resource(object: $0).identity, serverObject: $1)
                },
                dryRun: true
            )
        }
        var outcome = try await applyReportingNames(objects, force: force, dryRun: true)
        let passing = outcome.results.indices.filter { outcome.results[$0].applied }
        if !passing.isEmpty, let passed = try await dryRunObjects(passing.map { objects[$0] }, force: force) {
            for (index, object) in zip(passing, passed) { outcome.results[index].serverObject = object }
        }
        return outcome
    }

    private func applyArguments(force: Bool, dryRun: Bool, file: String, format: String) -> [String] {
        var arguments = ["apply", "--server-side", "--field-manager=\(options.fieldManager)"]
        if force { arguments.append("--force-conflicts") }
        if dryRun { arguments.append("--dry-run=server") }
        return arguments + ["-f", file, "-o", format]
    }

    private func runApply(
        _ objects: [JSONValue],
        force: Bool,
        dryRun: Bool,
        format: String
    ) async throws(ClusterError)
        -> KubectlOutput
    {
        let identities = objects.map { Resource(object: $0).identity }
        return try await ManifestFile.with(objects, command: "kubectl apply") {
            (path) async throws(ClusterError) -> KubectlOutput in
            let arguments = applyArguments(force: force, dryRun: dryRun, file: path, format: format)
            return try await runner.run(KubectlCommand(arguments, objects: identities))
        }
    }

    /// The would-be object for each of `objects`, in order, or `nil` when the server refused any of them.
    private func dryRunObjects(_ objects: [JSONValue], force: Bool) async throws(ClusterError) -> [JSONValue]? {
        let output = try await runApply(objects, force: force, dryRun: true, format: "json")
        guard output.succeeded else { return nil }
        var returned: [ObjectIdentity: JSONValue] = [:]
        for object in try output.objects() { returned[Resource(object: object).identity] = object }
        return objects.map { object in
            let identity = Resource(object: object).identity
            // A namespaced object given without a namespace lands in the context's default namespace.
            return returned[identity]
                ?? returned.first { key, _ in
                    identity.namespace == nil && key.group == identity.group && key.kind == identity.kind
                        && key.name == identity.name
                }?.value ?? .null
        }
    }

    /// Applies with `-o name`, which prints `kind.group/name` without the namespace: objects sharing group,
    /// kind and name (one name in two namespaces) go to separate kubectl calls, so each printed name and each
    /// error quoting a name points at exactly one object.
    private func applyReportingNames(
        _ objects: [JSONValue],
        force: Bool,
        dryRun: Bool
    ) async throws(ClusterError)
        -> ApplyOutcome
    {
        let identities = objects.map { Resource(object: $0).identity }
        var results: [ApplyResult?] = Array(repeating: nil, count: objects.count)
        for batch in Self.batchesWithDistinctNames(identities) {
            let output = try await runApply(batch.map { objects[$0] }, force: force, dryRun: dryRun, format: "name")
            let outcome = try ApplyOutcome(identities: batch.map { identities[$0] }, output: output, dryRun: dryRun)
            for (index, result) in zip(batch, outcome.results) { results[index] = result }
        }
        return ApplyOutcome(results: results.compactMap { $0 }, dryRun: dryRun)
    }

    /// Indexes of `identities`, in order, split into as few batches as keep group, kind and name distinct.
    public static func batchesWithDistinctNames(_ identities: [ObjectIdentity]) -> [[Int]] {
        var batches: [[Int]] = []
        var names: [Set<ObjectIdentity>] = []
        for (index, identity) in identities.enumerated() {
            var key = identity
            key.namespace = nil
            if let batch = names.firstIndex(where: { !$0.contains(key) }) {
                batches[batch].append(index)
                names[batch].insert(key)
            } else {
                batches.append([index])
                names.append([key])
            }
        }
        return batches
    }
}
