import MooringCore

extension ClusterClient {
    /// The kubectl client's version (`kubectl version --client -o json`); needs no cluster.
    public func clientVersion() async throws(ClusterError) -> String {
        let output = try await runner.run(KubectlCommand(["version", "--client", "-o", "json"])).checked()
        guard let version = try output.json()["clientVersion"]?["gitVersion"]?.stringValue else {
            throw ClusterError(
                code: .unexpectedOutput,
                message: "kubectl version --client printed no clientVersion",
                command: output.command.description
            )
        }
        return version
    }
}
