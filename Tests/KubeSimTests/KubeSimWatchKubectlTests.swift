import Foundation
import KubeSim
import MooringCore
import TestSupport
import Testing

/// Watches as the real kubectl (1.32) follows them, and the read-only `kubectl proxy` a watch-fed cache reads through.
@Suite("KubeSim: watches followed by the real kubectl and through kubectl proxy")
struct KubeSimWatchKubectlTests {
    @Test("a selector's watch sees an object that stops matching as DELETED in its last matching state, then ADDED")
    func selectorTransitions() async throws {
        try await withKubeSim { harness in
            let client = KubeSimWatchClient(sim: harness.sim)
            try await client.createConfigMap("x", labels: ["app": "a"])
            let events = try await Self.watchWithKubectl(harness, ["-l", "app=a"]) {
                let moved = try await client.patchConfigMap("x", ["metadata": ["labels": ["app": "b"]]])
                try await client.patchConfigMap("x", ["metadata": ["labels": ["app": "a"]]])
                try await client.patchConfigMap("x", ["data": ["k": "changed"]])
                return moved
            }
            #expect(events.events.map { $0["type"] } == ["ADDED", "DELETED", "ADDED", "MODIFIED"])
            let deleted = events.events.dropFirst().first?["object"]
            #expect(deleted?["metadata"]?["labels"]?["app"] == "a")
            #expect(deleted?["metadata"]?["resourceVersion"] == events.result["metadata"]?["resourceVersion"])
            #expect(events.events.last?["object"]?["data"]?["k"] == "changed")
        }
    }

    @Test("deleting an object with finalizers is MODIFIED with a deletionTimestamp, then DELETED when they clear")
    func finalizers() async throws {
        try await withKubeSim { harness in
            let client = KubeSimWatchClient(sim: harness.sim)
            try await client.createConfigMap("held", finalizers: ["example.com/hold"])
            let events = try await Self.watchWithKubectl(harness, []) {
                try await harness.kubectlOK(["delete", "configmap", "held", "--wait=false"])
                let deleting = try await harness.getJSON(["configmap", "held"])
                #expect(deleting["metadata"]?["deletionTimestamp"] != nil)
                let (added, refusal) = try await client.request(
                    "PATCH",
                    "/api/v1/namespaces/default/configmaps/held",
                    body: ["metadata": ["finalizers": ["example.com/hold", "example.com/more"]]],
                    contentType: "application/merge-patch+json"
                )
                #expect(added == 422)
                #expect(
                    refusal["message"]?.stringValue?.contains(
                        "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted"
                    ) == true
                )
                try await client.patchConfigMap("held", ["metadata": ["finalizers": nil]])
                return deleting
            }
            #expect(events.events.map { $0["type"] } == ["ADDED", "MODIFIED", "DELETED"])
            #expect(events.events.dropFirst().first?["object"]?["metadata"]?["deletionTimestamp"] != nil)
            let gone = try await harness.kubectl(["get", "configmap", "held"])
            #expect(gone.stderr.contains("not found"))
            let deleted = events.events.last?["object"]?["metadata"]
            #expect(deleted?["finalizers"] == ["example.com/hold"])
            #expect(deleted?["resourceVersion"]?.stringValue == (try await client.listVersion()))
        }
    }

    @Test("a Terminating namespace (metadata.finalizers empty) survives an update until its controller removes it")
    func terminatingNamespaceUpdated() async throws {
        try await withKubeSim(KubeSimOptions(namespaceTerminationDelay: .seconds(120))) { harness in
            try await harness.kubectlOK(
                ["apply", "--server-side", "-f", "-"],
                input: "apiVersion: v1\nkind: Namespace\nmetadata: {name: going}\n"
            )
            try await harness.kubectlOK(["delete", "namespace", "going", "--wait=false"])
            try await harness.kubectlOK(["label", "namespace", "going", "touched=yes"])
            let namespace = try await harness.getJSON(["namespace", "going"])
            #expect(namespace["status"]?["phase"] == "Terminating")
            #expect(namespace["metadata"]?["labels"]?["touched"] == "yes")
        }
    }

    @Test("kubectl get --watch ends when the server ends the watch, and the request log tells its list from its watch")
    func serverEndsWatch() async throws {
        try await withKubeSim(KubeSimOptions(watchTimeout: .seconds(1))) { harness in
            let client = KubeSimWatchClient(sim: harness.sim)
            try await client.createConfigMap("a", labels: ["app": "a"])
            harness.sim.resetRequests()
            let result = try await harness.kubectl(
                ["get", "configmaps", "-l", "app=a", "--watch", "--output-watch-events", "-o", "json"]
            )
            #expect(result.status == 0, "\(result.stderr)")
            let events = try KubeSimWatchClient.documents(in: result.stdout)
            #expect(events.map { $0["type"] } == ["ADDED"])
            let reads = harness.sim.requests().filter { $0.path == "/api/v1/namespaces/default/configmaps" }
            let lists = reads.filter { !$0.isWatch }
            let watches = reads.filter(\.isWatch)
            #expect(lists.count == 1)
            #expect(watches.count == 1)
            #expect(watches.first?.parameters["labelSelector"] == "app=a")
            #expect(watches.first?.parameters["resourceVersion"] == (try await client.listVersion()))
            #expect(watches.first?.status == 200)
        }
    }

    @Test("kubectl proxy on a unix socket serves lists and watches to a client without credentials (anonymous reader)")
    func proxy() async throws {
        let reader = KubeSimUser(name: "system:anonymous", token: "", verbs: ["get", "list", "watch"])
        try await withKubeSim(KubeSimOptions(anonymousUser: reader)) { harness in
            try await withTemporaryDirectory { directory in
                let socket = directory.appendingPathComponent("proxy.sock").path
                let proxy = try SpawnedProcess(
                    [
                        harness.kubectlPath, "--kubeconfig", harness.sim.kubeconfigPath, "--cache-dir",
                        harness.sim.cacheDirectory, "proxy", "--unix-socket", socket, "--reject-methods",
                        "POST,PUT,PATCH,DELETE",
                    ],
                    logFile: directory.appendingPathComponent("proxy.log").path
                )
                defer { _ = proxy.stop() }
                try await waitUntil("kubectl proxy listens on \(socket)") {
                    FileManager.default.fileExists(atPath: socket)
                }
                let client = KubeSimWatchClient(sim: harness.sim)
                try await client.createConfigMap("a")
                let current = try await client.listVersion()
                let curl = ["curl", "--silent", "--show-error", "--unix-socket", socket]
                let list = try JSONValue.parse(
                    try run(curl + ["http://localhost/api/v1/namespaces/default/configmaps?limit=500"]).stdout
                )
                #expect(list["metadata"]?["resourceVersion"]?.stringValue == current)
                #expect(KubeSimWatchTests.names(list) == ["a"])
                let watch = try run(
                    curl + [
                        "http://localhost/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=0&timeoutSeconds=1"
                    ]
                )
                let events = try watch.stdout.split(separator: "\n").map { try JSONValue.parse(String($0)) }
                #expect(events.first?["type"] == "ADDED")
                let write = try run(
                    curl + [
                        "--output", "/dev/null", "--write-out", "%{http_code}", "-X", "DELETE",
                        "http://localhost/api/v1/namespaces/default/configmaps/a",
                    ]
                )
                #expect(write.stdout == "403")
                #expect(try await harness.getJSON(["configmap", "a"])["metadata"]?["name"] == "a")
            }
        }
    }

    /// What `kubectl get configmaps --watch --output-watch-events -o json` printed while `changes` ran, once the server
    /// ended the watch; and what `changes` returned.
    static func watchWithKubectl(
        _ harness: KubeSimHarness,
        _ arguments: [String],
        changes: () async throws -> JSONValue
    ) async throws -> (events: [JSONValue], result: JSONValue) {
        async let watched = harness.kubectl(
            ["get", "configmaps", "--watch", "--output-watch-events", "-o", "json"] + arguments
        )
        try await waitUntil("kubectl's watch is open") {
            harness.sim.requests().contains { $0.isWatch && $0.status == 200 }
        }
        let result = try await changes()
        await harness.sim.endWatches()
        let output = try await watched
        return (try KubeSimWatchClient.documents(in: output.stdout), result)
    }
}
