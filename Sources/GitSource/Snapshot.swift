public import MooringCore

/// The files under the configured folder at one commit.
public struct Snapshot: Hashable, Sendable {
    public var commit: CommitInfo
    /// The folder inside the repository the files were read from (`""` for the root).
    public var folder: String
    /// Every file under the folder, in git's tree order, with paths relative to the folder.
    public var files: [SourceFile]

    public init(commit: CommitInfo, folder: String, files: [SourceFile]) {
        self.commit = commit
        self.folder = folder
        self.files = files
    }
}
