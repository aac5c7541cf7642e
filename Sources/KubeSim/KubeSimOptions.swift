/// How to start a `KubeSim`.
public struct KubeSimOptions: Sendable {
    /// The port on 127.0.0.1; 0 picks a free one (read it back from `KubeSim.port`).
    public var port: Int
    /// Start with KServe's InferenceService CRD installed, as a cluster with KServe has it.
    public var installKServe: Bool
    /// How long after a spec change Deployments and InferenceServices become ready.
    public var readyDelay: Duration
    /// How long a deleted namespace stays `Terminating` before it and its contents are gone.
    public var namespaceTerminationDelay: Duration
    /// How often watches that allow bookmarks get one.
    public var bookmarkInterval: Duration
    /// The server's minimum request timeout (kube-apiserver's `--min-request-timeout`, 1800 s): a watch without
    /// `timeoutSeconds` ends cleanly after this times a random factor in [1, 2).
    public var watchTimeout: Duration
    /// How often the history compacts on its own, each time up to the revision of the previous time, as
    /// kube-apiserver compacts etcd (`--etcd-compaction-interval`, 5 minutes on a real server); `nil` compacts only
    /// on `KubeSim.compact()`.
    public var compactionInterval: Duration?
    /// Who a request without credentials is, as on a server with anonymous authentication and RBAC rules for
    /// `system:anonymous`; `nil` answers it 401. `kubectl proxy` sends no credentials to a plain-HTTP server (kubectl
    /// only sends a kubeconfig's credentials over TLS), so a cache reading through it needs one, such as
    /// `KubeSimUser(name: "system:anonymous", token: "", verbs: ["get", "list", "watch"])`.
    public var anonymousUser: KubeSimUser?
    /// The bearer token of the all-powerful user `admin` in the written kubeconfig.
    public var adminToken: String
    /// More users, each with their own token and restrictions.
    public var users: [KubeSimUser]
    /// Where the kubeconfig and kubectl's cache go; a new temporary folder when `nil`.
    public var directory: String?

    public init(
        port: Int = 0,
        installKServe: Bool = true,
        readyDelay: Duration = .milliseconds(200),
        namespaceTerminationDelay: Duration = .milliseconds(300),
        bookmarkInterval: Duration = .seconds(1),
        watchTimeout: Duration = .seconds(1800),
        compactionInterval: Duration? = nil,
        anonymousUser: KubeSimUser? = nil,
        adminToken: String = "kubesim-admin-token",
        users: [KubeSimUser] = [],
        directory: String? = nil
    ) {
        self.port = port
        self.installKServe = installKServe
        self.readyDelay = readyDelay
        self.namespaceTerminationDelay = namespaceTerminationDelay
        self.bookmarkInterval = bookmarkInterval
        self.watchTimeout = watchTimeout
        self.compactionInterval = compactionInterval
        self.anonymousUser = anonymousUser
        self.adminToken = adminToken
        self.users = users
        self.directory = directory
    }
}
