import Manifests

/// What the desired-state stage concluded for a target (``DesiredStateStage``).
enum DesiredOutcome {
    /// A desired state to sync to.
    case ready(DesiredSnapshot)
    /// The new commit was refused; the fallback (the last applied state) is still kept in sync.
    case refused(fallback: DesiredSnapshot?)
    /// A preview's files do not validate: nothing would be applied.
    case invalid(ValidationReport)
    /// Neither git nor the journal gives a desired state (for a preview: its files could not be read or
    /// validated, ``TargetRun/failure`` says why).
    case unavailable

    /// `fallback` when there is one, else nothing to sync to.
    static func fallback(_ fallback: DesiredSnapshot?) -> DesiredOutcome {
        fallback.map { .ready($0) } ?? .unavailable
    }
}
