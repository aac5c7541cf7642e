public import MooringCore

extension ClusterClient {
    /// Server-side applies `objects` in one kubectl call, in their order, as Mooring's field manager.
    ///
    /// kubectl keeps going past a refused object and prints one error per refused object, in order; the
    /// outcome pairs each object with what the server returned or with its classified error. A failure of
    /// the whole call (server unreachable, credentials refused, deadline passed) is thrown instead.
    ///
    /// - Parameters:
    ///   - force: take over fields another manager owns (`--force-conflicts`) instead of failing with
    ///     ``ClusterError/Code/conflict``.
    ///   - dryRun: `--dry-run=server`: the server validates and returns the objects it would store, and
    ///     changes nothing.
    public func apply(
        _ objects: [JSONValue],
        force: Bool = false,
        dryRun: Bool = false
    ) async throws(ClusterError)
        -> ApplyOutcome
    {
        guard !objects.isEmpty else { return ApplyOutcome(results: [], dryRun: dryRun) }
        let identities = objects.map { Resource(object: $0).identity }
        var arguments = ["apply", "--server-side", "--field-manager=\(options.fieldManager)"]
        if force { arguments.append("--force-conflicts") }
        if dryRun { arguments.append("--dry-run=server") }
        let output = try await ManifestFile.with(objects, command: "kubectl apply") {
            (path) async throws(ClusterError) -> KubectlOutput in
            try await runner.run(KubectlCommand(arguments + ["-f", path, "-o", "json"], objects: identities))
        }
        let returned = output.succeeded || !output.standardOutput.isEmpty ? try output.objects() : []
        return try ApplyOutcome(matching: identities, to: returned, in: output, dryRun: dryRun)
    }
}

extension ApplyOutcome {
    /// Pairs each input with the object kubectl printed for it, or with one of the errors it printed.
    ///
    /// Errors that quote an object's name go to that object; the rest go to the remaining refused objects
    /// in order, since kubectl reports failures in the order of the objects.
    fileprivate init(
        matching identities: [ObjectIdentity],
        to returned: [JSONValue],
        in output: KubectlOutput,
        dryRun: Bool
    ) throws(ClusterError) {
        var returnedByIdentity: [ObjectIdentity: JSONValue] = [:]
        for object in returned { returnedByIdentity[Resource(object: object).identity] = object }
        func appliedObject(for identity: ObjectIdentity) -> JSONValue? {
            if let object = returnedByIdentity[identity] { return object }
            guard identity.namespace == nil else { return nil }
            // A namespaced object given without a namespace lands in the context's default namespace.
            return returnedByIdentity.first { key, _ in
                key.group == identity.group && key.kind == identity.kind && key.name == identity.name
            }?.value
        }
        let refused = identities.indices.filter { appliedObject(for: identities[$0]) == nil }
        let entries = output.errorEntries
        if !refused.isEmpty, refused.count == identities.count {
            let whole = output.failure()
            if [.unreachable, .unauthorized].contains(whole.code) || entries.count < refused.count {
                throw whole
            }
        }
        var errors: [Int: ClusterError] = [:]
        var unattributed: [String] = []
        let refusedIdentities = refused.map { identities[$0] }
        for entry in entries {
            if let object = KubectlOutput.mentionedObject(in: entry, among: refusedIdentities),
                let index = refused.first(where: { identities[$0] == object && errors[$0] == nil })
            {
                errors[index] = ClusterError(
                    kubectlError: entry,
                    command: output.command,
                    exitCode: output.exitCode,
                    object: object
                )
            } else {
                unattributed.append(entry)
            }
        }
        for index in refused where errors[index] == nil {
            let entry = unattributed.isEmpty ? "" : unattributed.removeFirst()
            errors[index] = ClusterError(
                kubectlError: entry.isEmpty ? "kubectl did not report \(identities[index]) as applied" : entry,
                command: output.command,
                exitCode: output.exitCode,
                object: identities[index]
            )
        }
        let results = identities.indices.map { index in
            ApplyResult(
                object: identities[index],
                status: errors[index].map { .failed($0) } ?? .applied(appliedObject(for: identities[index]) ?? .null)
            )
        }
        self.init(results: results, dryRun: dryRun)
    }
}
