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
    /// Nesting and node budget for the YAML reader.
    public var yaml: YAMLLimits

    public init(
        maxFileBytes: Int = 4 << 20,
        maxDocumentBytes: Int = 1 << 20,
        maxFiles: Int = 10_000,
        maxTotalBytes: Int = 64 << 20,
        yaml: YAMLLimits = YAMLLimits()
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDocumentBytes = maxDocumentBytes
        self.maxFiles = maxFiles
        self.maxTotalBytes = maxTotalBytes
        self.yaml = yaml
    }
}
