public import GitSource

extension GitSourceOptions {
    /// The git side of the host configuration: its `source` section and the mirror under `stateDir`.
    public init(source: SourceSettings, stateDirectory: String) {
        self.init(
            url: source.url,
            branch: source.branch,
            path: source.path,
            timeout: source.timeout,
            sshKeyFile: source.sshKeyFile,
            knownHostsFile: source.knownHostsFile,
            tokenFile: source.tokenFile,
            stateDirectory: stateDirectory,
            limits: GitSourceLimits(
                maxFileBytes: source.limits.maxFileBytes,
                maxSnapshotBytes: source.limits.maxTotalBytes,
                maxFiles: source.limits.maxFiles
            )
        )
    }
}
