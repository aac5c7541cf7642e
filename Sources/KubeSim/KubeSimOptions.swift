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
        adminToken: String = "kubesim-admin-token",
        users: [KubeSimUser] = [],
        directory: String? = nil
    ) {
        self.port = port
        self.installKServe = installKServe
        self.readyDelay = readyDelay
        self.namespaceTerminationDelay = namespaceTerminationDelay
        self.bookmarkInterval = bookmarkInterval
        self.adminToken = adminToken
        self.users = users
        self.directory = directory
    }
}
