import Foundation
import GitSource
import MooringCore
import Sync
import Testing

@testable import MooringDaemon

@Suite("Alert lifecycle: which notices each sync's report gives")
struct AlertTrackerTests {
    static let object = ObjectIdentity(group: "apps", kind: "Deployment", namespace: "ml-prod", name: "churn")
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let serving = CommitID(String(repeating: "c1", count: 20))
    static let refused = CommitID(String(repeating: "c2", count: 20))

    static func drift(_ message: String = "drift of churn") -> SyncEvent {
        SyncEvent(.drift, .warning, message, details: SyncEvent.Details(target: "a", object: object))
    }

    static func report(
        _ outcome: TargetReport.Outcome,
        events: [SyncEvent] = [],
        drifted: [ObjectIdentity]? = [],
        refused: CommitID? = nil,
        runEvents: [SyncEvent] = [],
        reachable: Bool? = true
    ) -> SyncReport {
        var target = TargetReport(
            target: "a",
            outcome: outcome,
            commit: serving,
            refusedCommit: refused,
            events: events
        )
        target.driftedObjects = drifted
        return SyncReport(events: runEvents, targets: [target], sourceReachable: reachable)
    }

    static func summary(_ notices: [AlertNotice]) -> [String] {
        notices.map { "\($0.status.rawValue) \($0.event.name)" }
    }

    @Test("a drift fires once, stays firing with its start time while it holds, and resolves once when it clears")
    func driftLifecycle() {
        var tracker = AlertTracker()
        let first = tracker.notices(
            for: Self.report(.drifted, events: [Self.drift()], drifted: [Self.object]),
            at: Self.start
        )
        #expect(Self.summary(first) == ["firing drift"])
        let later = Self.start + 60
        #expect(tracker.notices(for: Self.report(.drifted, drifted: [Self.object]), at: later).isEmpty)
        #expect(tracker.notices(for: Self.report(.failed, drifted: nil), at: later).isEmpty, "unknown: kept")
        #expect(tracker.firing.map(\.startsAt) == [Self.start])
        let changed = tracker.notices(
            for: Self.report(.drifted, events: [Self.drift("more")], drifted: [Self.object]),
            at: later
        )
        #expect(changed.map(\.startsAt) == [Self.start], "a change keeps the start")
        let cleared = tracker.notices(for: Self.report(.inSync), at: later + 1)
        #expect(Self.summary(cleared) == ["resolved drift"])
        #expect(cleared.first?.endsAt == later + 1 && cleared.first?.startsAt == Self.start)
        #expect(tracker.firing.isEmpty)
        #expect(tracker.notices(for: Self.report(.inSync), at: later + 2).isEmpty, "resolved once")
    }

    @Test("an outage fires once while git stays unreachable, resolves when it answers; point events pass through")
    func outage() {
        var tracker = AlertTracker()
        let outage = SyncEvent(.sourceUnreachable, .error, "git down")
        let applied = SyncEvent(.syncApplied, .info, "applied", details: SyncEvent.Details(target: "a"))
        let down = tracker.notices(for: Self.report(.inSync, runEvents: [outage], reachable: false), at: Self.start)
        #expect(Self.summary(down) == ["firing source_unreachable"])
        #expect(tracker.notices(for: Self.report(.inSync, reachable: false), at: Self.start + 1).isEmpty)
        let up = tracker.notices(for: Self.report(.applied, events: [applied]), at: Self.start + 2)
        #expect(Self.summary(up) == ["event sync_applied", "resolved source_unreachable"])
    }

    @Test("a refusal found by an earlier process fires again; it resolves when no commit is refused")
    func restartedRefusal() {
        var tracker = AlertTracker()
        let held = tracker.notices(for: Self.report(.refused, refused: Self.refused), at: Self.start)
        #expect(Self.summary(held) == ["firing validation_failed"])
        #expect(held.first?.event.fields["commit"] == Self.refused?.hex)
        #expect(tracker.notices(for: Self.report(.refused, refused: Self.refused), at: Self.start + 1).isEmpty)
        #expect(tracker.notices(for: Self.report(.inSync, refused: nil, reachable: false), at: Self.start + 2).isEmpty)
        let fixed = tracker.notices(for: Self.report(.applied), at: Self.start + 3)
        #expect(Self.summary(fixed) == ["resolved validation_failed"])
    }

    @Test("leader_lost fires until leader_acquired resolves it")
    func leadership() {
        var tracker = AlertTracker()
        let lost = tracker.notices(for: [SyncEvent(.leaderLost, .warning, "lost")], at: Self.start)
        #expect(Self.summary(lost) == ["firing leader_lost"])
        let acquired = tracker.notices(for: [SyncEvent(.leaderAcquired, .info, "leading")], at: Self.start + 5)
        #expect(Self.summary(acquired) == ["resolved leader_lost", "event leader_acquired"])
    }

    @Test("leader_lost also resolves once another host is seen holding the Lease, and only once")
    func leadershipMovedToAnotherHost() {
        var tracker = AlertTracker()
        #expect(tracker.notices(forLeader: "host-b", at: Self.start).isEmpty)
        _ = tracker.notices(for: [SyncEvent(.leaderLost, .warning, "lost")], at: Self.start + 1)
        let seen = tracker.notices(forLeader: "host-b", at: Self.start + 3)
        #expect(Self.summary(seen) == ["resolved leader_lost"])
        #expect(seen.first?.resolution == "host-b holds the Lease and syncs")
        #expect(tracker.notices(forLeader: "host-b", at: Self.start + 5).isEmpty)
        #expect(tracker.firing.isEmpty)
    }
}
