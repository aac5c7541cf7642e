/// Where the repository is, what to read from it and how to authenticate.
///
/// Credentials are file paths, read at the moment they are needed and never kept in memory longer.
public struct GitSourceOptions: Sendable, Hashable {
    /// `ssh://`, `https://`, `http://`, `git://`, `file://`, an scp-like `user@host:path`, or a local path.
    public var url: String
    /// The tracked branch, e.g. `main`.
    public var branch: String
    /// The folder inside the repository whose files a snapshot reads (`""` or `.` for the root).
    public var path: String
    /// The longest one network operation (listing the remote's refs, or one fetch) may take.
    public var timeout: Duration
    /// An SSH private key file (OpenSSH or PEM format, without passphrase) for `ssh://` remotes.
    public var sshKeyFile: String?
    /// The known_hosts file every SSH host key must be in; required for SSH remotes.
    public var knownHostsFile: String?
    /// A file holding an HTTPS access token, sent as the password of the user `tokenUser`.
    public var tokenFile: String?
    /// The user name that goes with the token (`x-access-token` for GitHub; GitLab accepts `oauth2`).
    public var tokenUser: String
    /// The folder of the bare mirror, usually `<stateDir>/mirror.git`.
    public var mirrorDirectory: String
    public var limits: GitSourceLimits

    public init(
        url: String,
        branch: String = "main",
        path: String = "",
        timeout: Duration = .seconds(60),
        sshKeyFile: String? = nil,
        knownHostsFile: String? = nil,
        tokenFile: String? = nil,
        tokenUser: String = "x-access-token",
        mirrorDirectory: String,
        limits: GitSourceLimits = GitSourceLimits()
    ) {
        self.url = url
        self.branch = branch
        self.path = path
        self.timeout = timeout
        self.sshKeyFile = sshKeyFile
        self.knownHostsFile = knownHostsFile
        self.tokenFile = tokenFile
        self.tokenUser = tokenUser
        self.mirrorDirectory = mirrorDirectory
        self.limits = limits
    }

    /// Options whose mirror lives in `<stateDirectory>/mirror.git`.
    public init(
        url: String,
        branch: String = "main",
        path: String = "",
        timeout: Duration = .seconds(60),
        sshKeyFile: String? = nil,
        knownHostsFile: String? = nil,
        tokenFile: String? = nil,
        stateDirectory: String,
        limits: GitSourceLimits = GitSourceLimits()
    ) {
        self.init(
            url: url,
            branch: branch,
            path: path,
            timeout: timeout,
            sshKeyFile: sshKeyFile,
            knownHostsFile: knownHostsFile,
            tokenFile: tokenFile,
            mirrorDirectory: stateDirectory.hasSuffix("/")
                ? stateDirectory + "mirror.git" : stateDirectory + "/mirror.git",
            limits: limits
        )
    }
}
