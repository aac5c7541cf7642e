/// Bounds on what one snapshot may read, so a commit cannot exhaust memory.
public struct GitSourceLimits: Sendable, Hashable {
    /// The largest single file, in bytes (default 4 MiB).
    public var maxFileBytes: Int
    /// The largest total of all files under the folder, in bytes (default 64 MiB).
    public var maxSnapshotBytes: Int
    /// The most files under the folder (default 10,000).
    public var maxFiles: Int

    public init(maxFileBytes: Int = 4 << 20, maxSnapshotBytes: Int = 64 << 20, maxFiles: Int = 10_000) {
        self.maxFileBytes = maxFileBytes
        self.maxSnapshotBytes = maxSnapshotBytes
        self.maxFiles = maxFiles
    }
}
