import Cluster
import KubeSim
import MooringCore
import TestSupport
import Testing

@Suite("per-object apply outcomes are matched by group, kind, namespace and name")
struct ApplyOutcomeNamespaceTests {
    @Test(
        "one name in two namespaces, the first refused: the refusal lands on it and not on its twin",
        arguments: KubectlBinaries.available
    )
    func oneNameTwoNamespaces(kubectl: String) async throws {
        try await withKubeSim { harness in
            let client = harness.client(kubectl: kubectl)
            _ = try await client.apply([Manifests.namespace("one"), Manifests.namespace("two")])
            let refused = Manifests.configMap("x", in: "one", data: ["not a valid key!": "v"])
            let accepted = Manifests.configMap("x", in: "two")
            let outcome = try await client.apply([refused, accepted])
            #expect(outcome.results.map(\.object.namespace) == ["one", "two"])
            #expect(outcome.results[0].error != nil)
            #expect(outcome.results[0].error?.object?.namespace == "one")
            #expect(outcome.results[1].applied)
            let one = ObjectIdentity(group: "", kind: "ConfigMap", namespace: "one", name: "x")
            let two = ObjectIdentity(group: "", kind: "ConfigMap", namespace: "two", name: "x")
            #expect(await harness.sim.object(one) == nil)
            #expect(await harness.sim.object(two) != nil)
        }
    }

    @Test("objects sharing group, kind and name go to separate kubectl calls; others share one")
    func batches() {
        let identities = [
            ObjectIdentity(group: "", kind: "ConfigMap", namespace: "a", name: "x"),
            ObjectIdentity(group: "", kind: "ConfigMap", namespace: "b", name: "x"),
            ObjectIdentity(group: "", kind: "Secret", namespace: "a", name: "x"),
            ObjectIdentity(group: "", kind: "ConfigMap", namespace: "c", name: "x"),
            ObjectIdentity(group: "", kind: "ConfigMap", namespace: "a", name: "y"),
        ]
        #expect(ClusterClient.batchesWithDistinctNames(identities) == [[0, 2, 4], [1], [3]])
    }
}
