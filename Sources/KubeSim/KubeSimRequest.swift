/// One request KubeSim received, for tests that assert what a client did ("no write call").
public struct KubeSimRequest: Sendable, Hashable {
    public var method: String
    public var path: String
    /// The raw query string, without `?`.
    public var query: String
    public var contentType: String
    public var userAgent: String
    /// The status KubeSim answered (0 until the answer starts: a hung request; a watch has its 200 once its stream
    /// starts).
    public var status: Int

    /// The query's parameters, decoded (`resourceVersion`, `labelSelector`, `limit`, `continue`, …).
    public var parameters: [String: String] { KubeSimResponder.parseQuery(query) }

    /// Whether this is a watch (a GET with `watch` true, as the server reads it); a GET of a collection otherwise
    /// is a list.
    public var isWatch: Bool {
        method == "GET" && parameters["watch"].map(APIRequest.isTrue) == true
    }

    /// Whether this request could change the cluster (POST, PUT, PATCH, DELETE) and was not a dry run.
    public var isWrite: Bool {
        ["POST", "PUT", "PATCH", "DELETE"].contains(method) && !query.contains("dryRun=All")
    }
}
