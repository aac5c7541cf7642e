import Cluster
import MooringCore
import Reconciler
import Testing

@testable import Sync

/// The pure decisions of reading the live state.
@Suite("Live rules")
struct LiveRulesTests {
    typealias F = WriteStageFixtures

    private static func configMaps(_ count: Int) -> [Resource] {
        (0..<count).map { F.resource("ConfigMap", "cm-\($0)") }
    }

    private static func references(_ resources: [Resource]) -> [ObjectReference] {
        resources.compactMap { ObjectReference(object: $0.object) }
    }

    @Test("the kinds to list are those of the objects, each once, sorted")
    func kinds() {
        let kinds = LiveRules.kinds(of: [F.deployment.identity, F.configMap.identity, F.configMap.identity])
        #expect(kinds == [GroupKind(group: "", kind: "ConfigMap"), GroupKind(group: "apps", kind: "Deployment")])
    }

    @Test("an early list that succeeded leaves only the kinds it did not cover; a failed one leaves them all")
    func remaining() {
        let all = LiveRules.kinds(of: [F.deployment.identity, F.configMap.identity])
        let configMaps: Set = [GroupKind(group: "", kind: "ConfigMap")]
        let listed = EarlyList(kinds: configMaps, objects: .success([F.configMap.object]))
        let (kinds, objects) = LiveRules.remaining(all, early: listed)
        #expect(kinds == [GroupKind(group: "apps", kind: "Deployment")])
        #expect(objects == [F.configMap.object])
        let failed = EarlyList(
            kinds: configMaps,
            objects: .failure(ClusterError(code: .timeout, message: "slow", command: "kubectl get"))
        )
        #expect(LiveRules.remaining(all, early: failed).kinds == all)
        #expect(LiveRules.remaining(all, early: failed).listed.isEmpty)
        #expect(LiveRules.remaining(all, early: nil).kinds == all)
    }

    @Test("only desired objects of the inventory are settled, at the version they were verified at")
    func settled() {
        let records = [F.configMap, F.deployment].map { resource in
            AppliedRecord(
                identity: resource.identity,
                apiVersion: "v1",
                applied: resource.object,
                sourceCommit: "abc",
                verifiedResourceVersion: "7"
            )
        }
        #expect(LiveRules.settled(records, desired: [F.configMap]) == [F.configMap.identity: "7"])
    }

    @Test("applied objects are read back by list from 100 of them, when they are at least half of their kinds")
    func readsByList() {
        let desired = Self.configMaps(300)
        #expect(!LiveRules.readsByList(Self.references(Array(desired.prefix(99))), desired: Array(desired.prefix(99))))
        #expect(LiveRules.readsByList(Self.references(Array(desired.prefix(150))), desired: desired))
        #expect(!LiveRules.readsByList(Self.references(Array(desired.prefix(149))), desired: desired))
        let others = desired + [F.deployment]
        #expect(LiveRules.readsByList(Self.references(Array(desired.prefix(150))), desired: others))
    }

    @Test("live objects are keyed by identity, the last read winning")
    func byIdentity() {
        var newer = F.configMap.object
        newer.set("2", at: FieldPath([.key("metadata"), .key("resourceVersion")]))
        let live = LiveRules.byIdentity([F.configMap.object, F.deployment.object, newer])
        #expect(live.count == 2)
        #expect(live[F.configMap.identity] == newer)
    }
}
