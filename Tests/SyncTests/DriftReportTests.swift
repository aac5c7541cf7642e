import MooringCore
import Reconciler
import Testing

@testable import Sync

/// What a sync tells of the drift it found, and what the journal records of it.
@Suite("Drift report")
struct DriftReportTests {
    typealias F = WriteStageFixtures

    private static func drift(_ resource: Resource, mode: DriftPolicy = .alert) -> Drift {
        Drift(identity: resource.identity, kind: .deleted, fields: [], mode: mode)
    }

    private static func record(_ resource: Resource, reported: String? = nil) -> AppliedRecord {
        AppliedRecord(
            identity: resource.identity,
            apiVersion: "v1",
            applied: resource.object,
            sourceCommit: "abc",
            reportedDrift: reported
        )
    }

    private static func decision(healed: [Drift] = [], alerted: [Drift] = []) -> SyncDecision {
        SyncDecision(batches: [], clean: [], healed: healed, alerted: alerted)
    }

    @Test("healed drift is told as healing, or as what would be healed when nothing is written")
    func healed() {
        let decision = Self.decision(healed: [Self.drift(F.configMap, mode: .heal)])
        let report = DriftReport(decision, inventory: [], writes: true)
        #expect(report.events.map(\.name) == [.driftHealed])
        #expect(report.events.first?.message.hasPrefix("healing drift of ") == true)
        #expect(report.objects == [F.configMap.identity])
        let preview = DriftReport(decision, inventory: [], writes: false)
        #expect(preview.events.first?.message.hasPrefix("would heal drift of ") == true)
    }

    @Test("alert-only drift is told once: not again while the journal records the same fingerprint")
    func alertedOnce() {
        let drift = Self.drift(F.configMap)
        let first = DriftReport(Self.decision(alerted: [drift]), inventory: [Self.record(F.configMap)], writes: true)
        #expect(first.events.map(\.name) == [.drift])
        #expect(first.fingerprints == [F.configMap.identity: drift.fingerprint])
        var state = TargetState()
        state.inventory = [Self.record(F.configMap), Self.record(F.deployment)]
        first.record(in: &state)
        #expect(state.inventory.map(\.reportedDrift) == [drift.fingerprint, nil])
        let again = DriftReport(Self.decision(alerted: [drift]), inventory: state.inventory, writes: true)
        #expect(again.events.isEmpty)
        #expect(again.objects.isEmpty)
    }

    @Test("a dry run records no fingerprint, nor does drift of an object the journal has no record of")
    func recordsNothing() {
        let drift = Self.drift(F.configMap)
        let dryRun = DriftReport(Self.decision(alerted: [drift]), inventory: [Self.record(F.configMap)], writes: false)
        #expect(dryRun.events.count == 1)
        #expect(dryRun.fingerprints.isEmpty)
        let unknown = DriftReport(Self.decision(alerted: [drift]), inventory: [], writes: true)
        #expect(unknown.events.count == 1)
        #expect(unknown.fingerprints.isEmpty)
    }
}
