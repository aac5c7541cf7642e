import Cluster
import Foundation
import KubeSim
import Logging
import MooringCore
import TestSupport
import Testing

@Suite("the live cache through one kubectl proxy, and its fallback to kubectl get --raw")
struct LiveCacheProxyTests {
    static let configMaps = LiveCacheTests.configMaps
    static let services = WatchKey(kind: GroupKind(group: "", kind: "Service"))
    /// The reader KubeSim lets in without credentials, as a TLS cluster lets in kubectl proxy with them.
    /// The `User-Agent` of the cache's own HTTP requests, which kubectl proxy passes on.
    static let cacheAgent = "mooring-live-cache"

    @Test("through the proxy the cache lists and follows changes and deletions: one proxy, no kubectl per watch")
    func followsThroughProxy() async throws {
        try await withProxiedLiveCache(anonymousReads: true) { harness, client, cache, _ in
            _ = try await client.apply([Manifests.namespace("ml"), Manifests.configMap("a", in: "ml")])
            await cache.follow([Self.configMaps, Self.services])
            try await waitUntil("the cache is in sync") { await cache.status().inSync }
            #expect(await cache.status().transport == "proxy")
            #expect(await cache.objects(Self.configMaps)?.map { Resource(object: $0).name } == ["a"])
            var changes = cache.changes.makeAsyncIterator()
            try await harness.kubectlOK(["-n", "ml", "patch", "configmap", "a", "-p", #"{"data":{"k":"by hand"}}"#])
            let modified = await changes.next()
            #expect(modified?.kind == .modified && modified?.identity.name == "a")
            #expect(await cache.objects(Self.configMaps)?.first?["data"]?["k"]?.stringValue == "by hand")
            try await harness.kubectlOK(["-n", "ml", "delete", "configmap", "a"])
            #expect(await changes.next()?.kind == .deleted)
            #expect(await cache.objects(Self.configMaps) == [])

            let reads = harness.sim.requests().filter {
                $0.path.hasSuffix("/configmaps") || $0.path.hasSuffix("/services")
            }
            let watches = reads.filter(\.isWatch)
            #expect(Set(watches.map(\.path)) == ["/api/v1/configmaps", "/api/v1/services"])
            #expect(reads.filter { !$0.isWatch }.count == 2, "one list of each kind")
            // kubectl proxy passes the cache's User-Agent on and adds no credentials: the server served them as
            // its anonymous reader (without one it answers 401, see `fallsBackWithoutAnonymousReads`).
            #expect(reads.allSatisfy { $0.userAgent == Self.cacheAgent && $0.status == 200 })
            #expect(try processes(harness, matching: "proxy --unix-socket").count == 1)
            #expect(try processes(harness, matching: "watch=1").isEmpty)
        }
    }

    @Test("a list of more than one page is read page by page through the proxy, each continuing the last")
    func pagedList() async throws {
        try await withProxiedLiveCache(anonymousReads: true) { harness, client, cache, _ in
            let objects = (0..<600).map { Manifests.configMap("page-\($0)", in: "ml") }
            _ = try await client.apply([Manifests.namespace("ml")] + objects)
            await cache.follow([Self.configMaps])
            try await waitUntil("the cache is in sync") { await cache.status().inSync }
            #expect(await cache.objects(Self.configMaps)?.count == 600)
            let pages = harness.sim.requests().filter { $0.path == "/api/v1/configmaps" && !$0.isWatch }
            #expect(pages.map { $0.parameters["limit"] } == ["500", "500"])
            #expect(pages.first?.parameters["continue"] == nil && pages.last?.parameters["continue"] != nil)
            #expect(pages.allSatisfy { $0.userAgent == Self.cacheAgent })
        }
    }

    @Test("the socket is 0600 in a 0700 folder, a write through it is refused, and stopping the cache removes it")
    func socketIsPrivateAndReadOnly() async throws {
        try await withProxiedLiveCache(anonymousReads: true) { harness, client, cache, socket in
            _ = try await client.apply([Manifests.namespace("ml")])
            await cache.follow([Self.configMaps])
            try await waitUntil("the cache is in sync") { await cache.status().inSync }
            let folder = (socket as NSString).deletingLastPathComponent
            #expect(try permissions(of: socket) == 0o600)
            #expect(try permissions(of: folder) == 0o700)
            harness.sim.resetRequests()
            let write = try run([
                "curl", "--silent", "--output", "/dev/null", "--write-out", "%{http_code}", "--unix-socket", socket,
                "-X", "POST", "-H", "Content-Type: application/json", "--data",
                #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"written"}}"#,
                "http://localhost/api/v1/namespaces/ml/configmaps",
            ])
            #expect(["403", "405"].contains(write.stdout), "the proxy answered \(write.stdout)")
            #expect(harness.sim.requests().filter(\.isWrite).isEmpty, "the write did not reach the server")
            // The watch's connection is open for minutes: stopping closes it at once.
            let stopping = ContinuousClock.now
            await cache.stop()
            #expect(ContinuousClock.now - stopping < .seconds(5))
            #expect(!FileManager.default.fileExists(atPath: socket))
            try await waitUntil("the proxy is gone") {
                try processes(harness, matching: "proxy --unix-socket").isEmpty
            }
        }
    }

    @Test(
        "a proxy killed with SIGKILL is restarted: the cache goes out of sync, re-lists and has the change made meanwhile"
    )
    func killedProxy() async throws {
        try await withProxiedLiveCache(anonymousReads: true) { harness, client, cache, _ in
            _ = try await client.apply([Manifests.namespace("ml"), Manifests.configMap("a", in: "ml")])
            await cache.follow([Self.configMaps, Self.services])
            try await waitUntil("the cache is in sync") { await cache.status().inSync }
            let first = try #require(try processes(harness, matching: "proxy --unix-socket").first)
            var changes = cache.changes.makeAsyncIterator()
            try run(["kill", "-KILL", first])
            _ = try await client.apply([Manifests.configMap("a", in: "ml", data: ["k": "meanwhile"])])
            let missed = await changes.next()
            #expect(missed?.kind == .modified && missed?.identity.name == "a", "the change made meanwhile arrived")
            try await waitUntil("both watches failed and were counted") { await cache.status().restarts >= 2 }
            try await waitUntil("the cache is in sync again") { await cache.status().inSync }
            #expect(await cache.objects(Self.configMaps)?.first?["data"]?["k"]?.stringValue == "meanwhile")
            let now = try processes(harness, matching: "proxy --unix-socket")
            #expect(now.count == 1 && now != [first], "one new proxy")
            #expect(await cache.status().transport == "proxy")
            try await harness.kubectlOK(["-n", "ml", "delete", "configmap", "a"])
            #expect(await changes.next()?.kind == .deleted)
        }
    }

    @Test("without anonymous reads the proxy gets 401: the cache says why once and uses kubectl get --raw for good")
    func fallsBackWithoutAnonymousReads() async throws {
        let logs = CapturedLogs()
        try await withProxiedLiveCache(anonymousReads: false, logger: logs.logger) { harness, client, cache, socket in
            _ = try await client.apply([Manifests.namespace("ml"), Manifests.configMap("a", in: "ml")])
            await cache.follow([Self.configMaps, Self.services])
            try await waitUntil("the cache is in sync") { await cache.status().inSync }
            let status = await cache.status()
            #expect(status.transport == "kubectl")
            #expect(status.restarts == 0, "a refused proxy is no failed watch")
            let refused = harness.sim.requests().filter { $0.userAgent == Self.cacheAgent }
            #expect(!refused.isEmpty && refused.allSatisfy { $0.status == 401 })
            let said = logs.entries.filter { $0.message.contains("kubectl proxy cannot authenticate") }
            #expect(said.count == 1 && said.first?.level == .info)
            try await waitUntil("the proxy is stopped") {
                try processes(harness, matching: "proxy --unix-socket").isEmpty
            }
            #expect(!FileManager.default.fileExists(atPath: socket))
            // Each watch starts once its list is in: wait for both.
            try await waitUntil("one kubectl get --raw watch per kind runs") {
                try processes(harness, matching: "watch=1").count == 2
            }
            var changes = cache.changes.makeAsyncIterator()
            try await harness.kubectlOK(["-n", "ml", "patch", "configmap", "a", "-p", #"{"data":{"k":"by hand"}}"#])
            #expect(await changes.next()?.kind == .modified)
            #expect(await cache.objects(Self.configMaps)?.first?["data"]?["k"]?.stringValue == "by hand")
        }
    }

    @Test("a proxy that cannot start: the cache says why once and uses kubectl get --raw for good")
    func fallsBackWhenProxyCannotStart() async throws {
        let logs = CapturedLogs()
        // kubectl, except that its proxy fails at once, as one refusing its flags would.
        let kubectl = try ScriptedKubectl(
            #"for a in "$@"; do [ "$a" = proxy ] && { echo "error: no proxy here" >&2; exit 1; }; done; "#
                + #"exec /usr/bin/kubectl "$@""#
        )
        defer { kubectl.remove() }
        try await withProxiedLiveCache(anonymousReads: true, kubectl: kubectl.path, logger: logs.logger) {
            harness,
            client,
            cache,
            _ in
            _ = try await client.apply([Manifests.namespace("ml"), Manifests.configMap("a", in: "ml")])
            await cache.follow([Self.configMaps])
            try await waitUntil("the cache is in sync") { await cache.status().inSync }
            #expect(await cache.status().transport == "kubectl")
            let said = logs.entries.filter { $0.message.contains("kubectl proxy cannot start") }
            #expect(said.count == 1 && said.first?.level == .info)
            #expect(said.first?.metadata["problem"]?.contains("no proxy here") == true)
            #expect(harness.sim.requests().allSatisfy { $0.userAgent != Self.cacheAgent })
            try await waitUntil("a kubectl get --raw watch runs") {
                try processes(harness, matching: "watch=1").count == 1
            }
        }
    }

    @Test("a socket path over 107 bytes: the cache reads with kubectl get --raw and says why")
    func tooLong() async {
        let logs = CapturedLogs()
        let options = KubectlOptions(kubeconfig: "/nonexistent", cacheDirectory: "/nonexistent")
        let socket = "/tmp/" + String(repeating: "d", count: 100) + "/test.sock"
        let cache = LiveCache(target: "test", options: options, proxySocket: socket, logger: logs.logger)
        #expect(await cache.status().transport == "kubectl")
        #expect(logs.entries.contains { $0.level == .info && $0.message.contains("longer than 107 bytes") })
        await cache.stop()
    }
}

/// Runs `body` with a KubeSim (letting in reads without credentials when `anonymousReads`), a client for it and a
/// live cache reading through a proxy on the socket given to `body`; stops the cache afterwards.
private func withProxiedLiveCache(
    anonymousReads: Bool,
    kubectl: String = "/usr/bin/kubectl",
    logger: Logger = Logger(label: "test.cache"),
    _ body: (KubeSimHarness, ClusterClient, LiveCache, String) async throws -> Void
) async throws {
    let options = KubeSimOptions(anonymousUser: anonymousReads ? .anonymousReader : nil)
    try await withKubeSim(options) { harness in
        let client = harness.client(kubectl: kubectl)
        let socket = harness.sim.directory + "/state/proxy/test.sock"
        try #require(socket.utf8.count <= 107, "the test's socket path fits a unix socket")
        let cache = LiveCache(target: "test", options: client.runner.options, proxySocket: socket, logger: logger)
        do {
            try await body(harness, client, cache, socket)
            await cache.stop()
        } catch {
            await cache.stop()
            throw error
        }
    }
}

/// The process ids of the kubectl processes against this simulator whose command line contains `text`.
private func processes(_ harness: KubeSimHarness, matching text: String) throws -> [String] {
    let found = try run(["pgrep", "-f", "\(harness.sim.kubeconfigPath).*\(text)"], check: false)
    return found.stdout.split(separator: "\n").map(String.init)
}

private func permissions(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}
