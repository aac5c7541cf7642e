import MooringCore
import Reconciler
import Testing

@testable import Sync

/// The rules that sequence a sync's writes: whether it prunes, whose health it waits for.
@Suite("Write rules")
struct WriteRulesTests {
    typealias F = WriteStageFixtures

    @Test("a sync prunes unless it applied a fallback or was abandoned")
    func prunes() {
        #expect(WriteRules.prunes(fallback: false, interrupted: false))
        #expect(!WriteRules.prunes(fallback: true, interrupted: false))
        #expect(!WriteRules.prunes(fallback: false, interrupted: true))
        #expect(!WriteRules.prunes(fallback: true, interrupted: true))
    }

    @Test("the health waited for is that of the workloads applied, or of every planned workload on a re-check")
    func watched() {
        let planned = [F.configMap, F.deployment, F.resource("Deployment", "other", apiVersion: "apps/v1")]
        let applied = [F.configMap, F.deployment]
        #expect(WriteRules.watched(rechecksHealth: false, planned: planned, applied: applied) == [F.deployment])
        #expect(WriteRules.watched(rechecksHealth: true, planned: planned, applied: applied) == Array(planned[1...]))
        #expect(WriteRules.watched(rechecksHealth: false, planned: planned, applied: [F.configMap]).isEmpty)
    }

    @Test("the objects applied are those the server accepted, in the decision's order")
    func applied() {
        let planned = F.planned([], applying: [F.configMap, F.deployment, F.crd])
        var progress = ApplyProgress()
        progress.applied = [F.crd.identity, F.configMap.identity]
        #expect(WriteRules.applied(planned.decision, progress: progress) == [F.configMap, F.crd])
    }
}
