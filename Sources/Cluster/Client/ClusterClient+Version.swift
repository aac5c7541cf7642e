import MooringCore

extension ClusterClient {
    /// The API server's version (`kubectl version -o json`), with the kubectl client's.
    public func serverVersion() async throws(ClusterError) -> ServerVersion {
        let output = try await runner.run(KubectlCommand(["version", "-o", "json"])).checked()
        let document = try output.json()
        guard let server = document["serverVersion"], let gitVersion = server["gitVersion"]?.stringValue else {
            throw ClusterError(
                code: .unexpectedOutput,
                message: "kubectl version printed no serverVersion; check the kubeconfig's server address",
                command: output.command.description
            )
        }
        return ServerVersion(
            gitVersion: gitVersion,
            major: Self.leadingNumber(server["major"]?.stringValue),
            minor: Self.leadingNumber(server["minor"]?.stringValue),
            platform: server["platform"]?.stringValue ?? "",
            clientVersion: document["clientVersion"]?["gitVersion"]?.stringValue
        )
    }

    private static func leadingNumber(_ text: String?) -> Int {
        Int(text?.prefix { $0.isNumber } ?? "") ?? 0
    }
}
