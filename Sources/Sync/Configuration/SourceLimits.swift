import MooringCore

/// `source.limits`: what one commit's deploy folder may hold, so that no commit can exhaust the daemon.
/// The same bounds apply to a folder read from git and to `mooring validate` on a local folder.
public struct SourceLimits: Sendable, Equatable {
    /// Largest single file, in bytes (`maxFileSize`, default 4Mi).
    public var maxFileBytes: Int
    /// Largest total of all files, in bytes (`maxTotalSize`, default 64Mi).
    public var maxTotalBytes: Int
    /// Most files (`maxFiles`, default 10000).
    public var maxFiles: Int

    public init(maxFileBytes: Int = 4 << 20, maxTotalBytes: Int = 64 << 20, maxFiles: Int = 10_000) {
        self.maxFileBytes = maxFileBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxFiles = maxFiles
    }
}

extension SourceLimits {
    init(reading reader: inout ConfigurationReader) {
        let base: FieldPath = "source.limits"
        let defaults = SourceLimits()
        _ = reader.object(base, allowed: ["maxFileSize", "maxTotalSize", "maxFiles"])
        self.init(
            maxFileBytes: reader.byteSize(base.appending("maxFileSize")) ?? defaults.maxFileBytes,
            maxTotalBytes: reader.byteSize(base.appending("maxTotalSize")) ?? defaults.maxTotalBytes,
            maxFiles: reader.integer(base.appending("maxFiles"), minimum: 1) ?? defaults.maxFiles
        )
    }
}
