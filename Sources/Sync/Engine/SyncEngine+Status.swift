public import GitSource

extension SyncEngine {
    /// What the journal holds for `target` after the last sync; `nil` before the first sync read the journal.
    public func journalState(of target: String) -> TargetState? {
        state.map { $0[target] }
    }

    /// What `commit` says about itself (author, subject…), or `nil` when the mirror cannot read it.
    public func commitInfo(_ commit: String) async -> CommitInfo? {
        guard let id = CommitID(commit) else { return nil }
        return try? await mirror.commit(id)
    }
}
