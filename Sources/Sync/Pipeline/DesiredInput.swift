import GitSource

/// Where the desired-state stage takes a target's files from: the choice that tells a sync's desired state from a
/// preview's.
enum DesiredInput: Sendable {
    /// The commit the poll found at the tip of the tracked branch (`nil`: git unreachable), behind the gates of a
    /// sync (signature, history) and with the journal's last applied state as the fallback.
    case polled(PollResult?)
    /// One commit's folder as it is (`mooring diff` of the branch or a ref): no gate, no fallback.
    case commit(CommitID)
    /// A local deploy folder (`mooring diff --path`): no commit, no gate, no fallback.
    case folder(String)

    /// The commit the files come from, when there is one.
    var commit: CommitID? {
        switch self {
        case .polled(let poll): poll?.current
        case .commit(let commit): commit
        case .folder: nil
        }
    }
}
