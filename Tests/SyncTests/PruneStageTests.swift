import MooringCore
import Reconciler
import Testing

@testable import Sync

/// How the prune stage tells what it blocks: once for the same objects and reasons.
@Suite("Prune stage")
struct PruneStageTests {
    static let (configMap, deployment) = (WriteStageFixtures.configMap, WriteStageFixtures.deployment)

    @Test("nothing blocked has no fingerprint; the same block has the same one; another object or reason another")
    func fingerprint() {
        #expect(PruneStage.fingerprint(of: []) == nil)
        let blocked = PruneStage.fingerprint(of: [(Self.configMap, .overLimit)])
        #expect(blocked != nil)
        #expect(PruneStage.fingerprint(of: [(Self.configMap, .overLimit)]) == blocked)
        #expect(PruneStage.fingerprint(of: [(Self.configMap, .disabled)]) != blocked)
        #expect(PruneStage.fingerprint(of: [(Self.deployment, .overLimit)]) != blocked)
    }

    @Test("prune_blocked names each blocked object with its reason")
    func blockedEvent() {
        let event = PruneStage.blockedEvent([(Self.configMap, .overLimit), (Self.deployment, .disabled)])
        #expect(event.name == .pruneBlocked && event.severity == .warning)
        #expect(
            event.message
                == "not pruning 2 object(s): \(Self.configMap.identity) (\(PruneDecision.Reason.overLimit.explanation)), "
                + "\(Self.deployment.identity) (\(PruneDecision.Reason.disabled.explanation))"
        )
        #expect(event.details.objects == 2)
    }
}
