public import Foundation
import Sync
import Synchronization

/// The sync in progress, as the watchdog, the probes and the status page see it: when it started, its deadline, the
/// stage it is in and since when, and how to interrupt it. Shared by the loop (which runs the sync), the elector
/// (which interrupts it when the Lease is lost) and ``DaemonStatus``.
public final class SyncWatch: Sendable {
    /// A sync past its deadline: what it is stuck in, and since when.
    public struct Overdue: Sendable, Equatable, Codable {
        /// The stage it is in: `waiting for 2 object(s) to become ready (target default, commit 3f2c…)`.
        public var stage: String
        /// When that stage began.
        public var since: Date
        /// When the sync started.
        public var syncStartedAt: Date
        /// When its deadline passed.
        public var deadline: Date

        /// One line for `/readyz`, the status page and `mooring status`.
        public var description: String {
            let time = Date.ISO8601FormatStyle()
            return "a sync is stuck past its deadline (\(deadline.formatted(time))): \(stage) since "
                + since.formatted(time)
        }
    }

    private struct Current {
        var startedAt: Date
        var deadline: ContinuousClock.Instant
        var deadlineDate: Date
        var stage = "reading the source"
        var stageSince: Date
        var interrupt: @Sendable (SyncInterruption.Reason) -> Void
        /// The `leader_lost` event to raise once the sync has been abandoned, naming what it left undone.
        var lostLeadership: SyncEvent?
    }

    private let current = Mutex<Current?>(nil)

    public init() {}

    /// A sync starts that should end `within` its deadline; `interrupt` stops it.
    func begin(within deadline: Duration, interrupt: @escaping @Sendable (SyncInterruption.Reason) -> Void) {
        let now = Date()
        let seconds = Double(deadline.components.seconds) + Double(deadline.components.attoseconds) / 1e18
        current.withLock {
            $0 = Current(
                startedAt: now,
                deadline: .now + deadline,
                deadlineDate: now + seconds,
                stageSince: now,
                interrupt: interrupt
            )
        }
    }

    /// The sync in progress began `stage`.
    func stage(_ stage: String) {
        let now = Date()
        current.withLock { current in
            current?.stage = stage
            current?.stageSince = now
        }
    }

    /// The sync ended; returns the `leader_lost` event ``interrupt(losing:event:)`` left to raise, if any.
    func end() -> SyncEvent? {
        current.withLock { current in
            defer { current = nil }
            return current?.lostLeadership
        }
    }

    /// This host lost the Lease (`why`): interrupts the sync in progress, and leaves `event` for the loop to raise
    /// once the sync has stopped, with what it left undone. Returns `false` when no sync runs.
    func interrupt(losing why: String, event: SyncEvent) -> Bool {
        let interrupt = current.withLock { current -> (@Sendable (SyncInterruption.Reason) -> Void)? in
            guard current != nil else { return nil }
            current?.lostLeadership = event
            return current?.interrupt
        }
        interrupt?(.leadershipLost(why))
        return interrupt != nil
    }

    /// The sync in progress when it is past its deadline; `nil` when it is within it, or none runs.
    public func overdue(at now: ContinuousClock.Instant = .now) -> Overdue? {
        current.withLock { current in
            guard let current, now >= current.deadline else { return nil }
            return Overdue(
                stage: current.stage,
                since: current.stageSince,
                syncStartedAt: current.startedAt,
                deadline: current.deadlineDate
            )
        }
    }
}
