import Synchronization

/// Whether this host may sync now: the gate the sync loop passes before each sync when leader election is on.
///
/// Leadership is held until a deadline — the start of the last successful renewal plus the renew deadline — and
/// ends by itself when that passes, even while the elector is still waiting for a slow API server.
public final class Leadership: Sendable, CustomStringConvertible {
    private struct State {
        var heldUntil: ContinuousClock.Instant?
        /// The holder this host last saw in the Lease (itself when leading).
        var holder: String?
        var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
        var nextWaiter = 0
    }

    /// `namespace/name` of the Lease.
    public let lease: String
    private let state = Mutex(State())
    private let clock: any MonotonicClock

    /// Leadership on `lease`, its hold measured on `clock`.
    init(lease: String, clock: any MonotonicClock = ContinuousClock()) {
        self.lease = lease
        self.clock = clock
    }

    /// Whether this host holds the Lease and renewed it recently enough to act on it.
    public var isLeading: Bool { heldUntil != nil }

    /// When this host's hold on the Lease ends, while it holds it.
    var heldUntil: ContinuousClock.Instant? {
        let now = clock.now
        return state.withLock { state in state.heldUntil.flatMap { now < $0 ? $0 : nil } }
    }

    /// For `systemctl status`: `standby: Lease mooring-system/mooring held by host-b_1f2e3d4c`.
    public var description: String {
        let now = clock.now
        let (leading, holder) = state.withLock { state in
            (state.heldUntil.map { now < $0 } ?? false, state.holder)
        }
        let owner = holder.map { "held by \($0)" } ?? "not held"
        return "\(leading ? "leading" : "standby"): Lease \(lease) \(owner)"
    }

    /// Returns once this host leads; throws `CancellationError` when the waiting task is cancelled.
    public func waitUntilLeading() async throws {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let now = clock.now
                let ready: Result<Void, any Error>? = state.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if state.heldUntil.map({ now < $0 }) ?? false { return .success(()) }
                    state.waiters[id] = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }

    /// This host renewed (or acquired) the Lease: it leads until `deadline`.
    func renewed(until deadline: ContinuousClock.Instant, holder: String) {
        let waiters = state.withLock { state in
            state.heldUntil = deadline
            state.holder = holder
            defer { state.waiters = [:] }
            return state.waiters.values
        }
        for waiter in waiters { waiter.resume() }
    }

    /// This host does not lead; `holder` holds the Lease, as far as it knows.
    func standBy(holder: String?) {
        state.withLock { state in
            state.heldUntil = nil
            state.holder = holder
        }
    }
}
