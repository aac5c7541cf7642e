import Manifests
import MooringCore
import Reconciler
import Testing

@Suite("Prune guard")
struct PruneGuardTests {
    let candidates = [Fixtures.deployment("a"), Fixtures.configMap("b")]

    @Test("candidates are pruned in reverse apply order when every condition holds")
    func allowed() {
        let decision = PruneGuard.decide(
            candidates: candidates + [Fixtures.deployment("m", model: "fraud")],
            desiredCount: 3,
            appliesSucceeded: true,
            inventoryTrusted: true,
            policy: ReconcilePolicy()
        )
        #expect(decision.prune.map(\.name) == ["m", "a", "b"])
        #expect(decision.blocked.isEmpty)
    }

    @Test(
        "nothing is pruned when the reason applies to the whole sync",
        arguments: [
            (0, true, true, true, PruneDecision.Reason.emptyDesiredState),
            (3, false, true, true, .applyFailed),
            (3, true, false, true, .untrustedInventory),
            (3, true, true, false, .disabled),
        ]
    )
    func blocked(desired: Int, succeeded: Bool, trusted: Bool, prune: Bool, reason: PruneDecision.Reason) {
        let decision = PruneGuard.decide(
            candidates: candidates,
            desiredCount: desired,
            appliesSucceeded: succeeded,
            inventoryTrusted: trusted,
            policy: ReconcilePolicy(prune: prune)
        )
        #expect(decision.prune.isEmpty)
        #expect(decision.blocked.map(\.reason) == [reason, reason])
    }

    @Test("more candidates than the limit blocks all of them")
    func overLimit() {
        let decision = PruneGuard.decide(
            candidates: candidates,
            desiredCount: 3,
            appliesSucceeded: true,
            inventoryTrusted: true,
            policy: ReconcilePolicy(pruneLimit: 1)
        )
        #expect(decision.prune.isEmpty)
        #expect(decision.blocked.map(\.reason) == [.overLimit, .overLimit])
    }

    @Test("a namespace is never pruned unless the host allows it")
    func protectedKinds() {
        let namespace = Fixtures.namespace("old")
        let refused = PruneGuard.decide(
            candidates: [namespace, Fixtures.configMap("b")],
            desiredCount: 1,
            appliesSucceeded: true,
            inventoryTrusted: true,
            policy: ReconcilePolicy()
        )
        #expect(refused.prune.map(\.name) == ["b"])
        #expect(refused.blocked.map(\.reason) == [.protectedKind])
        let allowed = PruneGuard.decide(
            candidates: [namespace],
            desiredCount: 1,
            appliesSucceeded: true,
            inventoryTrusted: true,
            policy: ReconcilePolicy(allowPruneKinds: ["Namespace"])
        )
        #expect(allowed.prune.map(\.name) == ["old"])
    }
}
