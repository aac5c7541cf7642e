import Cluster

extension SyncEngine {
    /// The client for the next write of `run`'s target, or `nil` — the sync abandoned, `sync_failed` raised — when
    /// the sync's task was cancelled or its write fence is closed. With a fence, the client's kubectl calls are cut
    /// off when the fence closes: a write that outlives this host's hold on the Lease is killed.
    func fencedClient(_ run: inout TargetRun) -> ClusterClient? {
        if run.stopsHere() { return nil }
        var options = configuration.kubectlOptions(for: run.target)
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
