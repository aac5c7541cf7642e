import GitSource

/// What the desired-state and canary-hold stages hand to the plan: the state to sync to, with aborted canaries out
/// of traffic.
struct HeldDesiredState {
    var desired: DesiredSnapshot
    /// The aborted canaries held in `desired`: a change in them is taken to the cluster at once, backoff or not.
    var holds: Set<CanaryHold>
    /// The commit refused while `desired` is its fallback.
    var refusedCommit: CommitID?
}
