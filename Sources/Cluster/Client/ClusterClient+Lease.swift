import MooringCore

extension ClusterClient {
    /// The Lease `namespace/name`, or `nil` when it does not exist.
    public func lease(namespace: String, name: String) async throws(ClusterError) -> Lease? {
        let reference = ObjectReference(
            apiVersion: "coordination.k8s.io/v1",
            kind: "Lease",
            namespace: namespace,
            name: name
        )
        guard let object = try await get([reference], ignoreNotFound: true).first else { return nil }
        return try Self.lease(from: object, command: "kubectl get lease")
    }

    /// Creates `lease`; fails with ``ClusterError/Code/conflict`` when it exists already.
    public func createLease(_ lease: Lease) async throws(ClusterError) -> Lease {
        var fresh = lease
        fresh.resourceVersion = nil
        return try await write(fresh, verb: "create")
    }

    /// Replaces `lease` if the server still holds the version it was read at (``Lease/resourceVersion``);
    /// otherwise fails with ``ClusterError/Code/conflict`` and changes nothing.
    public func updateLease(_ lease: Lease) async throws(ClusterError) -> Lease {
        guard lease.resourceVersion != nil else {
            throw ClusterError(
                code: .conflict,
                message: "an update needs the resourceVersion the Lease was read at; read it first",
                command: "kubectl replace",
                object: lease.identity
            )
        }
        return try await write(lease, verb: "replace")
    }

    private func write(_ lease: Lease, verb: String) async throws(ClusterError) -> Lease {
        let output = try await ManifestFile.with([lease.object], command: "kubectl \(verb)") {
            (path) async throws(ClusterError) -> KubectlOutput in
            try await runner.run(KubectlCommand([verb, "-f", path, "-o", "json"], objects: [lease.identity]))
        }
        let written = try output.checked().objects()
        guard let object = written.first else {
            throw ClusterError(
                code: .unexpectedOutput,
                message: "kubectl \(verb) printed no Lease",
                command: output.command.description
            )
        }
        return try Self.lease(from: object, command: output.command.description)
    }

    private static func lease(from object: JSONValue, command: String) throws(ClusterError) -> Lease {
        guard let lease = Lease(object: object) else {
            throw ClusterError(
                code: .unexpectedOutput,
                message: "kubectl returned something other than a Lease",
                command: command
            )
        }
        return lease
    }
}
