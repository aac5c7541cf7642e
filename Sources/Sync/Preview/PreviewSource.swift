/// Where `mooring diff` takes the desired state from.
public enum PreviewSource: Sendable, Equatable {
    /// The tip of the tracked branch.
    case trackedBranch
    /// A branch, tag, ref (`refs/pull/7/head`) or commit id: a pull request's preview.
    case ref(String)
    /// A local folder (the deploy folder itself, not the repository root).
    case folder(String)
}
