import Foundation
import GitSource
import MooringCore
import Reconciler
import Testing

@testable import Sync

/// What the record stage makes of a sync's writes: its outcome, the journal state, the history line, on values.
@Suite("Record stage")
struct RecordStageTests {
    typealias F = WriteStageFixtures
    static let stage = RecordStage(validatedPolicy: "policy", now: SyncFixtures.now)

    static func record(
        _ planned: PlannedSync,
        _ writes: SyncWrites,
        events: [SyncEvent] = [],
        state: TargetState = TargetState()
    ) -> RecordedSync {
        let outcome = RecordStage.outcome(planned, writes, refused: false, events: events)
        return stage.run(outcome, planned: planned, writes: writes, state: state, run: F.run(events))
    }

    @Test("the outcome counts a sync_failed event as a failure and drift found before and not moved as drift left")
    func outcome() {
        let planned = F.planned([F.item(F.configMap, .create)], applying: [F.configMap])
        #expect(RecordStage.outcome(planned, F.writes(applied: [F.configMap]), refused: false, events: []) == .applied)
        let failure = SyncEvent(.syncFailed, .error, "history.jsonl could not be written")
        #expect(RecordStage.outcome(planned, F.writes(applied: []), refused: false, events: [failure]) == .failed)
        var drifted = F.item(F.deployment, .unchanged)
        drifted.previous = AppliedRecord(
            identity: F.deployment.identity,
            apiVersion: "apps/v1",
            applied: F.deployment.object,
            sourceCommit: SyncFixtures.commit.hex,
            reportedDrift: "f00d"
        )
        let persisting = F.planned([drifted, F.item(F.configMap, .unchanged)], applying: [])
        #expect(RecordStage.drifted(persisting.plan, decision: persisting.decision) == [F.deployment.identity])
        #expect(RecordStage.outcome(persisting, F.writes(applied: []), refused: false, events: []) == .drifted)
    }

    @Test("a commit applied in full is recorded with its policy and time; a fallback's is not")
    func complete() {
        let planned = F.planned([F.item(F.configMap, .create)], applying: [F.configMap])
        let state = Self.record(planned, F.writes(applied: [F.configMap])).state
        #expect(state.lastAppliedCommit == SyncFixtures.commit.hex)
        #expect(state.validatedPolicy == "policy" && state.lastAppliedAt == SyncFixtures.now)
        let fallback = F.planned([F.item(F.configMap, .create)], applying: [F.configMap], fallback: true)
        let kept = Self.record(fallback, F.writes(applied: [F.configMap])).state
        #expect(kept.lastAppliedCommit == nil && kept.validatedPolicy == nil)
    }

    @Test("a sync that wrote nothing and raised no alert has no history line; one that wrote has it and sync_applied")
    func history() {
        let unchanged = F.planned([F.item(F.configMap, .unchanged)], applying: [])
        let quiet = Self.record(unchanged, F.writes(applied: []))
        #expect(quiet.history == nil && quiet.applied == nil)
        let warned = Self.record(
            unchanged,
            F.writes(applied: []),
            events: [SyncEvent(.healthDegraded, .warning, "slow")]
        )
        #expect(warned.history?.message == "slow" && warned.applied == nil)
        let created = F.planned([F.item(F.configMap, .create)], applying: [F.configMap])
        let wrote = Self.record(created, F.writes(applied: [F.configMap]))
        #expect(wrote.history?.created == [F.configMap.identity.description])
        #expect(wrote.history?.time == SyncFixtures.now && wrote.history?.result == .applied)
        #expect(wrote.applied?.name == .syncApplied)
    }
}
