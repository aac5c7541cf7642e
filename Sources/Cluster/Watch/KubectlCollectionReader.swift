import MooringCore

/// Reads the API server with one `kubectl get --raw PATH?QUERY` per request: every kubeconfig auth method works,
/// at the cost of one kubectl process (about 45 MB resident) per running watch.
struct KubectlCollectionReader: CollectionReader {
    var runner: KubectlRunner

    func list(_ request: String) async throws(ClusterError) -> JSONValue {
        try await runner.run(Self.raw(request)).checked().json()
    }

    func watch(
        _ request: String,
        timeout: Duration,
        _ chunk: @escaping @Sendable ([UInt8]) async throws -> Void
    ) async throws(ClusterError) {
        _ = try await runner.stream(Self.raw(request), timeout: timeout, chunk).checked()
    }

    private static func raw(_ request: String) -> KubectlCommand {
        KubectlCommand(["get", "--raw", request])
    }
}
