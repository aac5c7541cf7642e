import MooringCore
import Reconciler
import Testing

@testable import Sync

/// The plan stage: the plan, the adopted prune candidates, whether the inventory guards the prunes.
@Suite("Plan stage")
struct PlanStageTests {
    typealias F = WriteStageFixtures

    private static var stage: PlanStage { PlanStage(policy: ReconcilePolicy(), atRest: { $0 }) }

    @Test("objects the cluster's inventory lists, live and no longer desired, are prune candidates")
    func adoptedCandidates() {
        let desired = F.planned([F.item(F.configMap, .create)], applying: []).desired
        let live = [F.deployment.identity: F.deployment.object]
        let plan = Self.stage.run(desired, live: live, inventory: [], adopted: [F.deployment.identity, F.crd.identity])
        #expect(plan.pruneCandidates.map(\.identity) == [F.deployment.identity])
        #expect(plan.items.map(\.identity) == [F.configMap.identity])
        #expect(plan.items.first?.action == .create)
    }

    @Test("an adopted object still desired is planned, not a prune candidate")
    func adoptedDesired() {
        let desired = F.planned([F.item(F.configMap, .create)], applying: []).desired
        let live = [F.configMap.identity: F.configMap.object]
        let plan = Self.stage.run(desired, live: live, inventory: [], adopted: [F.configMap.identity])
        #expect(plan.pruneCandidates.isEmpty)
    }

    @Test("the inventory guards prunes only from a trusted journal, a fresh render and a readable cluster inventory")
    func trusted() {
        #expect(PlanStage.trusted(journal: true, fallback: false, ownership: .journalOnly))
        #expect(PlanStage.trusted(journal: true, fallback: false, ownership: .missing))
        #expect(!PlanStage.trusted(journal: false, fallback: false, ownership: .missing))
        #expect(!PlanStage.trusted(journal: true, fallback: true, ownership: .journalOnly))
        #expect(!PlanStage.trusted(journal: true, fallback: false, ownership: .unreadable("gone")))
    }
}
