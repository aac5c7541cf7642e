import Cluster
import Foundation
import KubeSim
import Logging
import MooringCore
import TestSupport
import Testing

@Suite("the live cache: one list, then a watch, through kubectl")
struct LiveCacheTests {
    static let configMaps = WatchKey(kind: GroupKind(group: "", kind: "ConfigMap"))

    @Test("it lists once, then sees changes and deletions made by hand, in order, without listing again")
    func changesByHand() async throws {
        try await withLiveCache { harness, client, cache in
            _ = try await client.apply([Manifests.namespace("ml"), Manifests.configMap("a", in: "ml")])
            await cache.follow([Self.configMaps])
            try await waitUntil("the cache is in sync") { await cache.objects(Self.configMaps) != nil }
            #expect(await cache.objects(Self.configMaps)?.map { Resource(object: $0).name } == ["a"])
            let lists = harness.sim.requests().filter {
                $0.path.hasSuffix("/configmaps") && !$0.query.contains("watch")
            }
            var changes = cache.changes.makeAsyncIterator()
            try await harness.kubectlOK(["-n", "ml", "patch", "configmap", "a", "-p", #"{"data":{"k":"by hand"}}"#])
            let modified = await changes.next()
            #expect(modified?.kind == .modified)
            #expect(modified?.identity.name == "a")
            let live = await cache.objects(Self.configMaps)?.first
            #expect(live?["data"]?["k"]?.stringValue == "by hand")
            #expect(live?["kind"]?.stringValue == "ConfigMap")
            try await harness.kubectlOK(["-n", "ml", "delete", "configmap", "a"])
            #expect(await changes.next()?.kind == .deleted)
            #expect(await cache.objects(Self.configMaps) == [])
            let listsAfter = harness.sim.requests().filter {
                $0.path.hasSuffix("/configmaps") && !$0.query.contains("watch")
            }
            #expect(listsAfter.count == lists.count)
            let watches = harness.sim.requests().filter {
                $0.path.hasSuffix("/configmaps") && $0.query.contains("watch")
            }
            #expect(watches.count == 1)
        }
    }
}

/// Runs `body` with a KubeSim, a client for it and a live cache for it, and stops the cache afterwards.
func withLiveCache(
    _ body: (KubeSimHarness, ClusterClient, LiveCache) async throws -> Void
) async throws {
    try await withKubeSim { harness in
        let client = harness.client(kubectl: "/usr/bin/kubectl")
        let cache = LiveCache(
            target: "test",
            options: client.runner.options,
            logger: Logger(label: "test.cache")
        )
        do {
            try await body(harness, client, cache)
            await cache.stop()
        } catch {
            await cache.stop()
            throw error
        }
    }
}
