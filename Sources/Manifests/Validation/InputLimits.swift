public import MooringCore

/// Bounds on what one commit may hold, so no commit can hang or exhaust the daemon.
public struct InputLimits: Sendable, Equatable {
    /// Largest manifest file, in bytes.
    public var maxFileBytes: Int
    /// Largest single YAML document, in bytes (Kubernetes itself stores objects of at most about 1.5 MiB).
    public var maxDocumentBytes: Int
    /// Most manifest files in one folder.
    public var maxFiles: Int
    /// Most bytes of manifest files in one folder, all together.
    public var maxTotalBytes: Int
    /// Nesting and node budget for the YAML reader, per file.
    public var yaml: YAMLLimits
    /// Nodes aliases may expand to in all the files of one commit together.
    public var maxAliasExpansionPerCommit: Int
    /// Longest time reading one commit's files may take; past it the commit is refused (`decode-deadline`).
    public var maxDecodeTime: Duration

    public init(
        maxFileBytes: Int = 4 << 20,
        maxDocumentBytes: Int = 1 << 20,
        maxFiles: Int = 10_000,
        maxTotalBytes: Int = 64 << 20,
        yaml: YAMLLimits = YAMLLimits(),
        maxAliasExpansionPerCommit: Int = 1_000_000,
        maxDecodeTime: Duration = .seconds(30)
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDocumentBytes = maxDocumentBytes
        self.maxFiles = maxFiles
        self.maxTotalBytes = maxTotalBytes
        self.yaml = yaml
        self.maxAliasExpansionPerCommit = maxAliasExpansionPerCommit
        self.maxDecodeTime = maxDecodeTime
    }
}
