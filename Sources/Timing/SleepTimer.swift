import Dispatch
import Synchronization

/// The timer of one ``CancellableSleep``: whichever comes first of its firing and its cancellation resumes the
/// sleeping task, exactly once, and cancels the Dispatch timer.
final class SleepTimer: Sendable {
    private enum State {
        /// Created; neither started nor cancelled.
        case idle
        /// Started: the sleeping task waits on `continuation` until `source` fires or the sleep is cancelled.
        case waiting(CheckedContinuation<Bool, Never>, any DispatchSourceTimer)
        /// Cancelled before it was started: starting resumes at once.
        case cancelled
        /// The continuation was resumed.
        case finished
    }

    /// The Dispatch timers made and not yet released by Dispatch (their cancel handler has not run).
    private static let live = Atomic<Int>(0)

    /// How many Dispatch timers of sleeps are live; for tests.
    static var liveCount: Int { live.load(ordering: .relaxed) }

    /// One serial queue for every sleep's timer: its handlers only resume a continuation. Not a global queue, which
    /// work of others can keep busy.
    private static let queue = DispatchQueue(label: "mooring.sleep")

    private let state = Mutex<State>(.idle)

    /// Resumes `continuation` with `true` after `duration`, or with `false` once cancelled (at once when
    /// ``cancel()`` came first).
    func start(after duration: Duration, resuming continuation: CheckedContinuation<Bool, Never>) {
        let started = state.withLock { state in
            guard case .idle = state else { return false }
            // Made, set and activated under the lock: a concurrent cancel sees an active timer or none.
            let source = DispatchSource.makeTimerSource(queue: Self.queue)
            Self.live.add(1, ordering: .relaxed)
            source.setCancelHandler { Self.live.subtract(1, ordering: .relaxed) }
            source.setEventHandler { self.finish(fired: true) }
            source.schedule(deadline: Self.deadline(after: duration))
            source.activate()
            state = .waiting(continuation, source)
            return true
        }
        if !started { continuation.resume(returning: false) }
    }

    /// Ends the sleep early; the sleeping task resumes with `false`.
    func cancel() {
        finish(fired: false)
    }

    private func finish(fired: Bool) {
        let waiting = state.withLock { state -> (CheckedContinuation<Bool, Never>, any DispatchSourceTimer)? in
            switch state {
            case .idle:
                state = .cancelled
                return nil
            case .waiting(let continuation, let source):
                state = .finished
                return (continuation, source)
            case .cancelled, .finished:
                return nil
            }
        }
        guard let (continuation, source) = waiting else { return }
        // Cancelling releases the event handler, and with it this timer.
        source.cancel()
        continuation.resume(returning: fired)
    }

    /// `duration` from now; a negative one is now, one past what `DispatchTime` counts is for ever.
    private static func deadline(after duration: Duration) -> DispatchTime {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return .now() }
        let (nanoseconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow, nanoseconds < Int64.max / 2 else { return .distantFuture }
        return .now() + .nanoseconds(Int(nanoseconds + attoseconds / 1_000_000_000))
    }
}
