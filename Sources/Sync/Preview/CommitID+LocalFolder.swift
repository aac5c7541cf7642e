import GitSource

extension CommitID {
    /// What a preview of a local folder (`mooring diff --path`) syncs to in place of a commit: git's null object id,
    /// which no commit has. Its objects are stamped with it in the plan; a preview hides the stamp and names the
    /// folder as its source.
    static let localFolder = CommitID(String(repeating: "0", count: 40))!
}
