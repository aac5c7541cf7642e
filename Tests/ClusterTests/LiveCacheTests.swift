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

    @Test("the cache keeps no status: neither a Deployment's status nor the managedFields of its status subresource")
    func withoutStatus() async throws {
        try await withLiveCache { harness, client, cache in
            _ = try await client.apply([Manifests.namespace("ml"), Manifests.deployment("web", in: "ml")])
            let deployments = WatchKey(kind: GroupKind(group: "apps", kind: "Deployment"))
            try await waitUntil("the controller reported the rollout through the status subresource") {
                let live = try? await harness.kubectlOK([
                    "-n", "ml", "get", "deployment", "web", "-o", "json", "--show-managed-fields",
                ])
                return (live?.contains("readyReplicas") ?? false)
                    && (live?.contains(#""subresource": "status""#) ?? false)
            }
            await cache.follow([deployments])
            try await waitUntil("the cache is in sync") { await cache.objects(deployments) != nil }
            let cached = try #require(await cache.objects(deployments)?.first)
            #expect(cached["spec"]?["replicas"]?.intValue == 2)
            #expect(cached["status"] == nil)
            let managers = cached["metadata"]?["managedFields"]?.arrayValue ?? []
            #expect(!managers.isEmpty)
            #expect(managers.allSatisfy { $0["subresource"]?.stringValue != "status" })
        }
    }

    @Test("an object held at the version a sync settled it at is given as a reference only; once it moves, whole")
    func settledReferences() async throws {
        try await withLiveCache { harness, client, cache in
            _ = try await client.apply([Manifests.namespace("ml"), Manifests.configMap("a", in: "ml")])
            await cache.follow([Self.configMaps])
            try await waitUntil("the cache is in sync") { await cache.objects(Self.configMaps) != nil }
            let whole = try #require(await cache.objects(Self.configMaps)?.first)
            let identity = Resource(object: whole).identity
            let version = try #require(whole["metadata"]?["resourceVersion"]?.stringValue)
            let reference = try #require(await cache.objects(Self.configMaps, settled: [identity: version])?.first)
            #expect(Resource(object: reference).identity == identity)
            #expect(reference["metadata"]?["resourceVersion"]?.stringValue == version)
            #expect(reference["apiVersion"]?.stringValue == "v1")
            #expect(reference["data"] == nil)
            #expect(reference["metadata"]?["managedFields"] == nil)
            var changes = cache.changes.makeAsyncIterator()
            try await harness.kubectlOK(["-n", "ml", "patch", "configmap", "a", "-p", #"{"data":{"k":"by hand"}}"#])
            _ = await changes.next()
            let moved = try #require(await cache.objects(Self.configMaps, settled: [identity: version])?.first)
            #expect(moved["data"]?["k"]?.stringValue == "by hand")
            #expect(moved["metadata"]?["managedFields"] != nil)
        }
    }
}

/// Runs `body` with a KubeSim, a client for it and a live cache for it, and stops the cache afterwards.
func withLiveCache(
    watchTimeout: ClosedRange<Int> = 240...360,
    _ body: (KubeSimHarness, ClusterClient, LiveCache) async throws -> Void
) async throws {
    try await withKubeSim { harness in
        let client = harness.client(kubectl: "/usr/bin/kubectl")
        let cache = LiveCache(
            target: "test",
            options: client.runner.options,
            watchTimeout: watchTimeout,
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

@Suite("the live cache through reconnects, 410 Gone, a killed watch and a burst of changes")
struct LiveCacheRecoveryTests {
    static let configMaps = LiveCacheTests.configMaps

    @Test("a watch that reconnects after its resourceVersion was compacted gets 410, re-lists, and misses nothing")
    func goneRelists() async throws {
        try await withLiveCache(watchTimeout: 1...1) { harness, client, cache in
            _ = try await client.apply([Manifests.namespace("ml"), Manifests.configMap("a", in: "ml")])
            await cache.follow([Self.configMaps])
            try await waitUntil("the cache is in sync") { await cache.objects(Self.configMaps) != nil }
            let listedAt = try #require(await cache.status().lastRelist)
            harness.sim.resetRequests()
            // The watch ends after a second; its reconnection is held while the object changes and history is
            // compacted past the resourceVersion it resumes from.
            harness.sim.faults.hangRequests(matching: KubeSimFaults.Match(method: "GET", pathContains: "/configmaps"))
            try await waitUntil("the watch reconnects") { harness.sim.requests().contains(where: \.isWatch) }
            // A server-side apply sends its PATCH without reading the object first, so it is not held.
            _ = try await client.apply([Manifests.configMap("a", in: "ml", data: ["k": "missed"])])
            await harness.sim.compact()
            var changes = cache.changes.makeAsyncIterator()
            harness.sim.faults.stopHanging()
            let change = await changes.next()
            #expect(change?.kind == .modified && change?.identity.name == "a")
            #expect(await cache.objects(Self.configMaps)?.first?["data"]?["k"]?.stringValue == "missed")
            let status = await cache.status()
            #expect(status.inSync && status.restarts == 0, "a 410 is no failure")
            #expect(try #require(status.lastRelist) > listedAt)
            let lists = harness.sim.requests().filter { !$0.isWatch && $0.path.hasSuffix("/configmaps") }
            #expect(lists.count == 1, "one re-list")
        }
    }

    @Test("a watch whose kubectl is killed is restarted: the cache re-lists, counts the restart and follows on")
    func killedWatch() async throws {
        try await withLiveCache { harness, client, cache in
            _ = try await client.apply([Manifests.namespace("ml"), Manifests.configMap("a", in: "ml")])
            await cache.follow([Self.configMaps])
            try await waitUntil("the cache is in sync") { await cache.objects(Self.configMaps) != nil }
            let pattern = "\(harness.sim.kubeconfigPath).*watch=1"
            try await waitUntil("the watch's kubectl runs") {
                try run(["pgrep", "-f", pattern], check: false).status == 0
            }
            try run(["pkill", "-KILL", "-f", pattern])
            try await waitUntil("the restart is counted") { await cache.status().restarts == 1 }
            try await waitUntil("the cache is in sync again") { await cache.status().inSync }
            var changes = cache.changes.makeAsyncIterator()
            try await harness.kubectlOK(["-n", "ml", "delete", "configmap", "a"])
            let change = await changes.next()
            #expect(change?.kind == .deleted && change?.identity.name == "a")
            #expect(await cache.objects(Self.configMaps) == [])
        }
    }

    @Test("a burst of 1,000 objects created in one kubectl call reaches the cache as 1,000 changes, none twice")
    func burst() async throws {
        try await withLiveCache { harness, client, cache in
            _ = try await client.apply([Manifests.namespace("ml")])
            await cache.follow([Self.configMaps])
            try await waitUntil("the cache is in sync") { await cache.objects(Self.configMaps) != nil }
            let objects = (0..<1000).map { Manifests.configMap("burst-\($0)", in: "ml") }
            let counter = ChangeCounter()
            let counting = Task { for await change in cache.changes { await counter.add(change.identity) } }
            _ = try await client.apply(objects)
            try await waitUntil("every change arrived", timeout: .seconds(120)) { await counter.distinct == 1000 }
            #expect(await counter.total == 1000)
            #expect(await cache.objects(Self.configMaps)?.count == 1000)
            counting.cancel()
        }
    }
}

/// The changes a test saw, by object.
actor ChangeCounter {
    private(set) var total = 0
    private var identities: Set<ObjectIdentity> = []
    var distinct: Int { identities.count }

    func add(_ identity: ObjectIdentity) {
        total += 1
        identities.insert(identity)
    }
}
