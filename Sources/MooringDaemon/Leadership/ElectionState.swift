import Cluster

/// What one elector knows between rounds: the Lease as last read or written and when it last changed, measured
/// on this host's monotonic clock (another host's wall clock is never compared with ours).
struct ElectionState {
    /// The Lease as last read or written.
    private(set) var observed: Lease?
    /// When ``observed`` last changed, on this host's clock.
    private(set) var observedAt: ContinuousClock.Instant
    /// Whether this host leads, as last announced with `leader_acquired` / `leader_lost`.
    var leading = false
    /// When the last successful renewal started.
    var renewedAt: ContinuousClock.Instant?
    /// The holder last reported while standing by, so each change is logged once.
    var reportedHolder: String?
    /// The failure last reported, so a lasting failure is logged once.
    var problem: ClusterError.Code?

    /// The state of an elector that starts at `now` and has seen no Lease yet.
    init(now: ContinuousClock.Instant) {
        observedAt = now
    }

    /// Records `lease` as read or written at `now`; the clock restarts only when it changed.
    mutating func observe(_ lease: Lease, at now: ContinuousClock.Instant) {
        guard lease != observed else { return }
        observed = lease
        observedAt = now
    }

    /// Whether the holder of ``observed`` has let it lapse: unchanged for its own lease duration (or `fallback`,
    /// when it names none) since this host saw it change, as of `now`.
    func hasExpired(fallback: Duration, at now: ContinuousClock.Instant) -> Bool {
        let duration = observed?.leaseDurationSeconds.map { Duration.seconds($0) } ?? fallback
        return now >= observedAt + duration
    }
}
