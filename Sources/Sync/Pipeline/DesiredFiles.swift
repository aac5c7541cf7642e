import GitSource
import MooringCore

/// The files the desired-state stage validates and renders, read from where its input says.
struct DesiredFiles {
    /// Whose files these are, which decides what a problem with them does.
    enum Purpose {
        /// A sync's (or a dry run's): the polled commit, refused when it does not validate, with the state kept
        /// meanwhile (the journal's last applied one, when there is one).
        case sync(CommitID, fallback: DesiredSnapshot?)
        /// A preview's: a problem is the preview's answer; no event is raised and no commit refused.
        case preview(CommitID)
    }

    var files: [SourceFile]
    var purpose: Purpose
    /// What the commit says about itself (a sync reads it for its report and the audit trail).
    var commitInfo: CommitInfo?

    /// The commit the files belong to (``CommitID/localFolder`` for a local folder).
    var commit: CommitID {
        switch purpose {
        case .sync(let commit, _), .preview(let commit): commit
        }
    }
}
