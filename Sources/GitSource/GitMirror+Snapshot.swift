extension GitMirror {
    /// The commit and every file under the configured folder, with paths relative to the folder.
    ///
    /// Errors name the path: a missing folder, a symlink that is absolute or leaves the folder, a submodule,
    /// a name that is not UTF-8 (shown with `\xNN` escapes), or a file, total or count over the limits.
    public func snapshot(of id: CommitID) throws(GitSourceError) -> Snapshot {
        try snapshot(of: id, folder: folder)
    }

    /// The commit and every file under `folder` (a path inside the repository), for configurations
    /// with several targets that share one mirror.
    public func snapshot(of id: CommitID, folder requested: String) throws(GitSourceError) -> Snapshot {
        let folder = try Self.normalizedFolder(requested)
        let repository = try openMirror().repository
        let limits = options.limits
        do {
            return try repository.withCommit(id) { commit throws(GitSourceError) in
                var reader = TreeReader(repository: repository, folder: folder, limits: limits, commit: id)
                let files = try reader.read(commit)
                return Snapshot(commit: Self.info(of: commit, id: id), folder: folder, files: files)
            }
        } catch  where error.code == .corruptMirror {
            throw missingObject("objects of this commit", commit: id, path: error.path)
        }
    }
}
