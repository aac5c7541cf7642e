import Foundation
import KubeSim
import MooringCore
import TestSupport
import Testing

/// Watch and list semantics a watch-fed cache relies on, checked against what a v1.32 API server answers.
@Suite("KubeSim: watches and paged lists as a v1.32 API server serves them")
struct KubeSimWatchTests {
    static let configMaps = "/api/v1/namespaces/default/configmaps"

    @Test("a watch from a compacted resourceVersion is a 200 stream of one ERROR event, a Status 410 Expired")
    func compactedWatch() async throws {
        try await withKubeSim { harness in
            let client = KubeSimWatchClient(sim: harness.sim)
            let created = try await client.createConfigMap("one")
            let before = try #require(created["metadata"]?["resourceVersion"]?.stringValue)
            try await client.patchConfigMap("one", ["data": ["k": "changed"]])
            let compacted = await harness.sim.compact()

            let expired = try await client.watch("\(Self.configMaps)?watch=1&resourceVersion=\(before)")
            #expect(expired.count == 1)
            #expect(expired.first?["type"] == "ERROR")
            let status = expired.first?["object"]
            #expect(status?["kind"] == "Status")
            #expect(status?["code"] == 410)
            #expect(status?["reason"] == "Expired")
            #expect(status?["message"]?.stringValue == "too old resource version: \(before) (\(compacted))")

            let fromCompacted = try await client.watch(
                "\(Self.configMaps)?watch=1&resourceVersion=\(compacted)&timeoutSeconds=1"
            )
            #expect(fromCompacted.isEmpty)
        }
    }

    @Test("a watch held back (only watches hang) while the cluster moves on and compacts gets 410 once let through")
    func reconnectAfterCompaction() async throws {
        try await withKubeSim { harness in
            let client = KubeSimWatchClient(sim: harness.sim)
            try await client.createConfigMap("one")
            let seen = try await client.listVersion()
            harness.sim.faults.hangRequests(
                matching: KubeSimFaults.Match(method: "GET", pathContains: "/configmaps", queryContains: "watch=")
            )
            async let reconnected = client.watch("\(Self.configMaps)?watch=1&resourceVersion=\(seen)")
            try await waitUntil("the reconnecting watch has arrived") {
                harness.sim.requests().contains(where: \.isWatch)
            }
            try await harness.kubectlOK(["patch", "configmap", "one", "-p", #"{"data":{"k":"missed"}}"#])
            let compacted = await harness.sim.compact()
            harness.sim.faults.stopHanging()
            let events = try await reconnected
            #expect(events.map { $0["type"] } == ["ERROR"])
            #expect(events.first?["object"]?["code"] == 410)
            #expect(
                events.first?["object"]?["message"]?.stringValue == "too old resource version: \(seen) (\(compacted))"
            )
        }
    }

    @Test("with a compactionInterval the history compacts on its own, and an old watch gets 410")
    func periodicCompaction() async throws {
        try await withKubeSim(KubeSimOptions(compactionInterval: .milliseconds(200))) { harness in
            let client = KubeSimWatchClient(sim: harness.sim)
            let created = try await client.createConfigMap("one")
            let before = try #require(created["metadata"]?["resourceVersion"]?.stringValue)
            try await client.patchConfigMap("one", ["data": ["k": "changed"]])
            try await waitUntil("a watch from \(before) is expired") {
                let events = try await client.watch(
                    "\(Self.configMaps)?watch=1&resourceVersion=\(before)&timeoutSeconds=1"
                )
                return events.first?["object"]?["code"] == 410
            }
        }
    }

    @Test("a paged list's continue is served at the first page's revision, and is 410 Expired once it is compacted")
    func pagedList() async throws {
        try await withKubeSim { harness in
            let client = KubeSimWatchClient(sim: harness.sim)
            for name in ["c0", "c1", "c2", "c3", "c4"] { try await client.createConfigMap(name) }
            let (_, first) = try await client.request("GET", "\(Self.configMaps)?limit=2")
            #expect(Self.names(first) == ["c0", "c1"])
            #expect(first["metadata"]?["remainingItemCount"] == 3)
            let revision = try #require(first["metadata"]?["resourceVersion"]?.stringValue)
            let token = try #require(first["metadata"]?["continue"]?.stringValue)

            try await client.createConfigMap("c1a")
            let (deleted, _) = try await client.request("DELETE", "\(Self.configMaps)/c2")
            #expect(deleted == 200)
            let (_, second) = try await client.request("GET", "\(Self.configMaps)?limit=2&continue=\(token)")
            #expect(Self.names(second) == ["c2", "c3"])
            #expect(second["metadata"]?["resourceVersion"]?.stringValue == revision)
            let next = try #require(second["metadata"]?["continue"]?.stringValue)

            await harness.sim.compact()
            let (status, expired) = try await client.request("GET", "\(Self.configMaps)?limit=2&continue=\(next)")
            #expect(status == 410)
            #expect(expired["reason"] == "Expired")
            #expect(expired["message"]?.stringValue?.hasPrefix("The provided continue parameter is too old") == true)
            let inconsistent = try #require(expired["metadata"]?["continue"]?.stringValue)
            let (_, rest) = try await client.request("GET", "\(Self.configMaps)?limit=2&continue=\(inconsistent)")
            #expect(Self.names(rest) == ["c4"])
            #expect(rest["metadata"]?["resourceVersion"]?.stringValue == (try await client.listVersion()))
            #expect(rest["metadata"]?["continue"] == nil)

            let (exactStatus, _) = try await client.request(
                "GET",
                "\(Self.configMaps)?resourceVersion=\(revision)&resourceVersionMatch=Exact"
            )
            #expect(exactStatus == 410)
        }
    }

    @Test("resourceVersion N replays only the changes after N; unset and 0 start with the current objects, unmarked")
    func resourceVersionSemantics() async throws {
        try await withKubeSim { harness in
            let client = KubeSimWatchClient(sim: harness.sim)
            try await client.createConfigMap("a")
            try await client.createConfigMap("b")
            let listed = try await client.listVersion()
            let patched = try await client.patchConfigMap("a", ["data": ["k": "new"]])
            #expect(try await client.listVersion() == patched["metadata"]?["resourceVersion"]?.stringValue)

            let changes = try await client.watch(
                "\(Self.configMaps)?watch=1&resourceVersion=\(listed)&timeoutSeconds=1"
            )
            #expect(changes.map { $0["type"] } == ["MODIFIED"])
            #expect(changes.first?["object"]?["data"]?["k"] == "new")

            for version in ["", "&resourceVersion=0"] {
                let events = try await client.watch(
                    "\(Self.configMaps)?watch=1\(version)&allowWatchBookmarks=true&timeoutSeconds=1"
                )
                #expect(events.prefix(2).map { $0["object"]?["metadata"]?["name"] } == ["a", "b"])
                #expect(events.prefix(2).allSatisfy { $0["type"] == "ADDED" })
                #expect(events.dropFirst(2).allSatisfy { $0["type"] == "BOOKMARK" && !Self.endsInitialEvents($0) })
            }
            let streamed = try await client.watch(
                "\(Self.configMaps)?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan"
                    + "&allowWatchBookmarks=true&timeoutSeconds=1"
            )
            #expect(streamed.prefix(2).allSatisfy { $0["type"] == "ADDED" })
            #expect(streamed.dropFirst(2).first.map(Self.endsInitialEvents) == true)
        }
    }

    @Test("sendInitialEvents without resourceVersionMatch=NotOlderThan is refused 422, as ValidateListOptions does")
    func sendInitialEventsNeedsNotOlderThan() async throws {
        try await withKubeSim { harness in
            let client = KubeSimWatchClient(sim: harness.sim)
            let (status, body) = try await client.request("GET", "\(Self.configMaps)?watch=1&sendInitialEvents=true")
            #expect(status == 422)
            #expect(body["reason"] == "Invalid")
            #expect(
                body["message"]
                    == "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"
            )
            let (listStatus, _) = try await client.request("GET", "\(Self.configMaps)?sendInitialEvents=true")
            #expect(listStatus == 422)
            let (badVersion, _) = try await client.request("GET", "\(Self.configMaps)?watch=1&resourceVersion=abc")
            #expect(badVersion == 400)
        }
    }

    @Test("bookmarks come only with allowWatchBookmarks and carry the current resourceVersion")
    func bookmarks() async throws {
        try await withKubeSim(KubeSimOptions(bookmarkInterval: .milliseconds(100))) { harness in
            let client = KubeSimWatchClient(sim: harness.sim)
            try await client.createConfigMap("a")
            let current = try await client.listVersion()
            let without = try await client.watch(
                "\(Self.configMaps)?watch=1&resourceVersion=\(current)&timeoutSeconds=1"
            )
            #expect(without.isEmpty)
            let with = try await client.watch(
                "\(Self.configMaps)?watch=1&resourceVersion=\(current)&allowWatchBookmarks=true&timeoutSeconds=1"
            )
            #expect(!with.isEmpty)
            for event in with {
                #expect(event["type"] == "BOOKMARK")
                #expect(event["object"]?["kind"] == "ConfigMap")
                #expect(event["object"]?["apiVersion"] == "v1")
                #expect(event["object"]?["metadata"]?["resourceVersion"]?.stringValue == current)
            }
        }
    }

    @Test("a watch ends cleanly at timeoutSeconds, and without it at the server's watchTimeout × [1, 2)")
    func timeouts() async throws {
        try await withKubeSim(KubeSimOptions(watchTimeout: .seconds(1))) { harness in
            let client = KubeSimWatchClient(sim: harness.sim)
            let current = try await client.listVersion()
            let clock = ContinuousClock()
            let started = clock.now
            let events = try await client.watch("\(Self.configMaps)?watch=1&resourceVersion=\(current)")
            let elapsed = clock.now - started
            #expect(events.isEmpty)
            #expect(elapsed >= .seconds(1))
            #expect(elapsed < .seconds(30))
        }
        try await withKubeSim { harness in
            let client = KubeSimWatchClient(sim: harness.sim)
            let current = try await client.listVersion()
            let events = try await client.watch(
                "\(Self.configMaps)?watch=1&resourceVersion=\(current)&timeoutSeconds=1"
            )
            #expect(events.isEmpty)
        }
    }

    /// Whether a watch event is the bookmark that ends `sendInitialEvents`' initial events.
    static func endsInitialEvents(_ event: JSONValue) -> Bool {
        event["type"] == "BOOKMARK"
            && event["object"]?["metadata"]?["annotations"]?["k8s.io/initial-events-end"] == "true"
    }

    static func names(_ list: JSONValue) -> [String] {
        (list["items"]?.arrayValue ?? []).compactMap { $0["metadata"]?["name"]?.stringValue }
    }
}
