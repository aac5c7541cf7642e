import Cluster
import Logging

/// What every write of one target's sync passes first: the sync's task not cancelled, its write fence open. With a
/// fence, the client's kubectl calls are cut off when the fence closes: a write that outlives this host's hold on
/// the Lease is killed.
struct WriteGate {
    /// The target's kubectl options, before the fence shortens their timeout.
    var options: KubectlOptions
    var logger: Logger

    /// The client for the next write of `run`'s target, or `nil` — the sync abandoned, `sync_failed` raised — when
    /// the sync's task was cancelled or its write fence is closed.
    func client(_ run: inout TargetRun) -> ClusterClient? {
        if run.stopsHere() { return nil }
        var options = options
        if let fence = run.control.fence {
            let left = fence.writeDeadline().map { $0 - .now } ?? .zero
            guard left > .zero else {
                run.abandon(.leadershipLost(fence.refusal))
                return nil
            }
            options.timeout = min(options.timeout, left)
        }
        return ClusterClient(options: options, logger: logger)
    }
}
