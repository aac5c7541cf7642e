import MooringCore
import Synchronization

/// Why a sync in progress was stopped before its end, set by whoever cancels the sync's task just before it does:
/// the sync reads it to say, in its `sync_failed` event and history line, why it stopped and what was left undone.
public final class SyncInterruption: Sendable {
    /// What stopped a sync.
    public enum Reason: Sendable, Equatable {
        /// A graceful shutdown (SIGTERM or SIGINT).
        case shutdown
        /// The sync ran past its overall deadline (``MooringConfiguration/syncDeadline``).
        case deadline(Duration)
        /// This host stopped holding the Lease: `why`.
        case leadershipLost(String)

        /// The `reason` field of the `sync_failed` event.
        public var field: String {
            switch self {
            case .shutdown: "shutdown"
            case .deadline: "deadline"
            case .leadershipLost: "leadership"
            }
        }

        /// For a person: why the sync stopped.
        public var explanation: String {
            switch self {
            case .shutdown: "Mooring is stopping (SIGTERM)"
            case .deadline(let deadline): "the sync ran past its deadline of \(GoDuration.format(deadline))"
            case .leadershipLost(let why): "this host no longer leads: \(why)"
            }
        }

        /// Whether the commit should wait out a backoff before its next attempt: a hang may come back, a shutdown
        /// or a lost Lease say nothing about the commit.
        var backsOff: Bool { if case .deadline = self { true } else { false } }
    }

    private let stored = Mutex<Reason?>(nil)

    public init() {}

    /// The first reason given, if any.
    public var reason: Reason? { stored.withLock { $0 } }

    /// Records why the sync is about to be cancelled; the first reason given is kept.
    public func stop(_ reason: Reason) {
        stored.withLock { stored in
            if stored == nil { stored = reason }
        }
    }
}
