import Logging

extension ClusterClient {
    /// The resource types the cluster serves (`kubectl api-resources -o wide`).
    ///
    /// kubectl 1.32 prints only tables here (no `-o json`); the table is read by its header's column
    /// positions. When some API group fails discovery (an aggregated API that is down), kubectl exits 1
    /// but prints the rest: those are returned, and the failure is logged as a warning.
    public func discover() async throws(ClusterError) -> APIResourceCatalog {
        let output = try await runner.run(KubectlCommand(["api-resources", "-o", "wide"]))
        if !output.succeeded {
            let partial = output.standardError.contains("unable to retrieve the complete list of server APIs")
            guard partial, !output.standardOutput.isEmpty else { throw output.failure() }
            runner.logger.warning(
                "discovery is incomplete",
                metadata: ["details": "\(output.errorEntries.joined(separator: "; "))"]
            )
        }
        return try APIResourceCatalog(
            table: String(decoding: output.standardOutput, as: UTF8.self),
            command: output.command
        )
    }
}
