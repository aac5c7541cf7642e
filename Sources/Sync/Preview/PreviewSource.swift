import GitSource

/// Where `mooring diff` takes the desired state from.
public enum PreviewSource: Sendable, Equatable {
    /// The tip of the tracked branch.
    case trackedBranch
    /// A branch, tag, ref (`refs/pull/7/head`) or commit id: a pull request's preview.
    case ref(String)
    /// A local folder (the deploy folder itself, not the repository root).
    case folder(String)
}

extension PreviewSource {
    /// What a preview names as its source: the folder, or the id of `commit`.
    func label(commit: CommitID?) -> String {
        if case .folder(let path) = self { return "folder \(path)" }
        return commit?.hex ?? ""
    }
}
