/// One request KubeSim received, for tests that assert what a client did ("no write call").
public struct KubeSimRequest: Sendable, Hashable {
    public var method: String
    public var path: String
    /// The raw query string, without `?`.
    public var query: String
    public var contentType: String
    public var userAgent: String
    /// The status KubeSim answered (0 while a watch or a hung request is still open).
    public var status: Int

    /// Whether this request could change the cluster (POST, PUT, PATCH, DELETE) and was not a dry run.
    public var isWrite: Bool {
        ["POST", "PUT", "PATCH", "DELETE"].contains(method) && !query.contains("dryRun=All")
    }
}
