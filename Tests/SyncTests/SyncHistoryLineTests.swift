import GitSource
import MooringCore
import Reconciler
import Testing

@testable import Sync

/// The history line and `sync_applied` event of a sync that got to apply.
@Suite("Sync history line")
struct SyncHistoryLineTests {
    typealias F = WriteStageFixtures

    @Test("the message joins the warnings and errors but drift, in order; none without them")
    func message() {
        let events = [
            SyncEvent(.syncApplied, .info, "applied"),
            SyncEvent(.drift, .warning, "drifted"),
            SyncEvent(.healthDegraded, .warning, "not healthy"),
            SyncEvent(.syncFailed, .error, "prune failed"),
        ]
        #expect(SyncHistoryLine.message(events) == "not healthy; prune failed")
        #expect(SyncHistoryLine.message(Array(events.prefix(2))) == nil)
    }

    @Test("a line is due when the sync wrote, raised an alert or changed a model")
    func isDue() {
        let none = F.writes(applied: [])
        #expect(!SyncHistoryLine.isDue(writes: none, events: [SyncEvent(.driftHealed, .info, "healed")], models: []))
        #expect(SyncHistoryLine.isDue(writes: none, events: [SyncEvent(.drift, .warning, "drift")], models: []))
        #expect(SyncHistoryLine.isDue(writes: F.writes(applied: [F.configMap]), events: [], models: []))
        #expect(SyncHistoryLine.isDue(writes: F.writes(applied: [], pruned: [F.crd.identity]), events: [], models: []))
        let change = HistoryEntry.ModelChange(model: "churn", namespace: "ml", from: nil, to: nil)
        #expect(SyncHistoryLine.isDue(writes: none, events: [], models: [change]))
    }

    @Test("created and updated split what was applied by the plan's action; sync_applied counts them")
    func applied() {
        let planned = F.planned(
            [F.item(F.configMap, .create), F.item(F.deployment, .update), F.item(F.crd, .verify)],
            applying: [F.configMap, F.deployment]
        )
        let line = SyncHistoryLine(
            planned: planned,
            writes: F.writes(applied: [F.configMap, F.deployment], pruned: [F.crd.identity]),
            models: []
        )
        #expect(line.created.map(\.identity) == [F.configMap.identity])
        #expect(line.updated.map(\.identity) == [F.deployment.identity])
        let event = line.appliedEvent
        #expect(event?.message == "applied \(SyncFixtures.commit.short): 1 created, 1 updated, 1 pruned")
        #expect(event?.details.created == 1 && event?.details.pruned == 1)
        let idle = SyncHistoryLine(planned: planned, writes: F.writes(applied: []), models: [])
        #expect(idle.appliedEvent == nil)
    }
}
