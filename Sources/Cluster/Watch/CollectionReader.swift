import MooringCore

/// How a live-cache watch reads the API server: one page of a list, or a watch's stream of events.
///
/// `request` is a path with its query (`/api/v1/configmaps?labelSelector=…&limit=500`). Two ways implement it:
/// `kubectl get --raw` per request (``KubectlCollectionReader``), and HTTP through the target's one
/// `kubectl proxy --unix-socket` (``ProxyCollectionReader``); ``LiveCacheTransport`` picks one per target.
protocol CollectionReader: Sendable {
    /// One page of a list, parsed; throws the server's refusal (a non-2xx answer, a failed kubectl) as it is.
    func list(_ request: String) async throws(ClusterError) -> JSONValue

    /// Streams the body of a watch to `chunk` as it arrives, until the server ends it (or `timeout` passes, or the
    /// task is cancelled, which closes the connection or stops kubectl at once).
    func watch(
        _ request: String,
        timeout: Duration,
        _ chunk: @escaping @Sendable ([UInt8]) async throws -> Void
    ) async throws(ClusterError)
}
