import GitSource
import MooringCore
import Reconciler
import Testing

@testable import Sync

/// Which objects of a fallback's plan are read again from its commit, and how they replace the journal's.
@Suite("Fallback re-read stage")
struct FallbackRereadStageTests {
    typealias F = WriteStageFixtures

    private static let secret = F.resource("Secret", "token")

    private static func sealed(_ resource: Resource) -> Resource {
        var object = resource.object
        object.set(["token": .string(SecretSeal.prefix + "00ff")], at: FieldPath([.key("data")]))
        return Resource(object: object)
    }

    @Test("only objects that reach the cluster are read again: sealed Secrets, or every one under source.verify")
    func needed() {
        let plan = Plan(
            commit: SyncFixtures.commit.hex,
            items: [
                F.item(Self.sealed(Self.secret), .update), F.item(F.configMap, .update),
                F.item(F.deployment, .unchanged),
            ],
            pruneCandidates: []
        )
        #expect(FallbackRereadStage.needed(plan, verifying: false) == [Self.secret.identity])
        #expect(FallbackRereadStage.needed(plan, verifying: true) == [Self.secret.identity, F.configMap.identity])
    }

    @Test("a needed object is replaced by its render, keeping the journal's stamp, and left out when it has none")
    func replaced() {
        let stamp = FieldPath([.key("metadata"), .key("annotations"), .key(ObjectLabels.sourceCommit)])
        var journal = F.configMap.object
        journal.set("abc", at: stamp)
        var rendered = F.configMap.object
        rendered.set(["key": "value"], at: FieldPath([.key("data")]))
        let plan = Plan(
            commit: SyncFixtures.commit.hex,
            items: [F.item(Resource(object: journal), .update), F.item(F.deployment, .update), F.item(F.crd, .update)],
            pruneCandidates: []
        )
        let result = FallbackRereadStage.replaced(
            plan,
            needed: [F.configMap.identity, F.deployment.identity],
            by: [F.configMap.identity: Resource(object: rendered)]
        )
        #expect(result.items.map(\.identity) == [F.configMap.identity, F.crd.identity])
        #expect(result.items[0].resource.object[path: stamp] == "abc")
        #expect(result.items[0].resource.object["data"]?["key"] == "value")
    }
}
