/// A user of the simulated cluster, known by a bearer token, optionally restricted to some
/// namespaces or verbs (anything else is answered 403 Forbidden, worded as RBAC words it).
public struct KubeSimUser: Sendable, Hashable {
    public var name: String
    public var token: String
    /// The namespaces this user may touch; `nil` for all (and cluster-scoped objects).
    public var namespaces: Set<String>?
    /// The verbs (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`) this user may use; `nil` for all.
    public var verbs: Set<String>?

    public init(name: String, token: String, namespaces: Set<String>? = nil, verbs: Set<String>? = nil) {
        self.name = name
        self.token = token
        self.namespaces = namespaces
        self.verbs = verbs
    }
}
