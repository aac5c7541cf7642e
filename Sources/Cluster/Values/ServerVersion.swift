/// The Kubernetes version an API server reports, and the kubectl client that talked to it.
public struct ServerVersion: Hashable, Sendable, CustomStringConvertible {
    /// `v1.32.2`, `v1.30.4-gke.1348000`.
    public var gitVersion: String
    public var major: Int
    /// The minor version; providers that print `30+` get `30`.
    public var minor: Int
    /// `linux/amd64`.
    public var platform: String
    /// The git version of the kubectl client that answered, when it said.
    public var clientVersion: String?

    public init(gitVersion: String, major: Int, minor: Int, platform: String = "", clientVersion: String? = nil) {
        self.gitVersion = gitVersion
        self.major = major
        self.minor = minor
        self.platform = platform
        self.clientVersion = clientVersion
    }

    public var description: String { gitVersion }
}
