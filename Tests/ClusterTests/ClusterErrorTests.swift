import Cluster
import Foundation
import KubeSim
import Logging
import MooringCore
import TestSupport
import Testing

/// Every class of kubectl failure, provoked for real against KubeSim (or against nothing at all).
@Suite("kubectl failures as typed errors")
struct ClusterErrorTests {
    @Test("nothing listening at the server address is unreachable", arguments: KubectlBinaries.available)
    func nothingListening(kubectl: String) async throws {
        try await withKubeSim { harness in
            let port = try freeLoopbackPort()
            let text = try String(contentsOfFile: harness.sim.kubeconfigPath, encoding: .utf8)
            let kubeconfig = harness.sim.directory + "/nowhere.kubeconfig"
            try text.replacingOccurrences(of: "127.0.0.1:\(harness.sim.port)", with: "127.0.0.1:\(port)")
                .write(toFile: kubeconfig, atomically: true, encoding: .utf8)
            let client = harness.client(kubectl: kubectl, kubeconfig: kubeconfig)
            let error = await #expect(throws: ClusterError.self) {
                try await client.listManaged(kinds: [GroupKind(group: "", kind: "ConfigMap")])
            }
            #expect(error?.code == .unreachable)
            #expect(error?.message.contains("kubeconfig") == true)
            #expect(error?.description.contains("kubesim-admin-token") == false, "credentials never reach error text")
        }
    }

    @Test("a server refusing connections makes a batch apply fail as a whole", arguments: KubectlBinaries.available)
    func refusedConnections(kubectl: String) async throws {
        try await withKubeSim { harness in
            let client = harness.client(kubectl: kubectl)
            _ = try await client.apply([Manifests.namespace("ml")])
            await harness.sim.refuseConnections()
            let error = await #expect(throws: ClusterError.self) {
                try await client.apply([Manifests.configMap("a", in: "ml"), Manifests.configMap("b", in: "ml")])
            }
            #expect(error?.code == .unreachable)
            try await harness.sim.acceptConnections()
        }
    }

    @Test("a wrong token is unauthorized", arguments: KubectlBinaries.available)
    func wrongToken(kubectl: String) async throws {
        try await withKubeSim(KubeSimOptions(adminToken: "right-token")) { harness in
            let client = harness.client(
                kubectl: kubectl,
                kubeconfig: try harness.kubeconfig(replacingToken: "right-token")
            )
            let error = await #expect(throws: ClusterError.self) {
                try await client.listManaged(kinds: [GroupKind(group: "", kind: "ConfigMap")])
            }
            #expect(error?.code == .unauthorized)
            #expect(error?.description.contains("not-the-token") == false, "credentials never reach error text")
        }
    }

    @Test(
        "a user without permission is forbidden, per object in a batch and for a whole listing",
        arguments: KubectlBinaries.available
    )
    func forbidden(kubectl: String) async throws {
        let viewer = KubeSimUser(
            name: "viewer",
            token: "viewer-token",
            namespaces: ["ml"],
            verbs: ["get", "list", "watch"]
        )
        try await withKubeSim(KubeSimOptions(users: [viewer])) { harness in
            _ = try await harness.client(kubectl: kubectl).apply([Manifests.namespace("ml")])
            let client = harness.client(kubectl: kubectl, context: "viewer")
            let outcome = try await client.apply([Manifests.configMap("a", in: "ml")])
            #expect(outcome.results.first?.error?.code == .forbidden)
            let error = await #expect(throws: ClusterError.self) {
                try await client.listManaged(kinds: [GroupKind(group: "", kind: "ConfigMap")])
            }
            #expect(error?.code == .forbidden)
        }
    }

    @Test("reading an object that does not exist is notFound, naming it", arguments: KubectlBinaries.available)
    func notFound(kubectl: String) async throws {
        try await withKubeSim { harness in
            let client = harness.client(kubectl: kubectl)
            _ = try await client.apply([Manifests.namespace("ml"), Manifests.configMap("here", in: "ml")])
            let references = [
                ObjectReference(apiVersion: "v1", kind: "ConfigMap", namespace: "ml", name: "here"),
                ObjectReference(apiVersion: "v1", kind: "ConfigMap", namespace: "ml", name: "missing"),
            ]
            let error = await #expect(throws: ClusterError.self) { try await client.get(references) }
            #expect(error?.code == .notFound)
            #expect(error?.object?.name == "missing")
        }
    }

    @Test("listing a kind the cluster does not serve is unknownKind", arguments: KubectlBinaries.available)
    func unknownKind(kubectl: String) async throws {
        try await withKubeSim { harness in
            let client = harness.client(kubectl: kubectl)
            let error = await #expect(throws: ClusterError.self) {
                try await client.listManaged(kinds: [GroupKind(group: "example.com", kind: "Widget")])
            }
            #expect(error?.code == .unknownKind)
        }
    }

    @Test(
        "a hung request hits our deadline: kubectl's whole process group is killed and reaped",
        arguments: KubectlBinaries.available
    )
    func timeout(kubectl: String) async throws {
        try await withKubeSim { harness in
            _ = try await harness.client(kubectl: kubectl).apply([Manifests.namespace("ml")])
            // A wrapper that records kubectl's pid (also its process group: kubectl leads its own session).
            let folder = try TemporaryDirectory(prefix: "kubectl-wrapper")
            defer { folder.remove() }
            let pidFile = folder.path("pid")
            let wrapper = try ScriptedKubectl("echo $$ > '\(pidFile)'\nexec '\(kubectl)' \"$@\"")
            defer { wrapper.remove() }
            harness.sim.faults.hangRequests(matching: KubeSimFaults.Match(pathContains: "/configmaps"))
            let client = harness.client(kubectl: wrapper.path, timeout: .seconds(3))
            let error = await #expect(throws: ClusterError.self) {
                try await client.listManaged(kinds: [GroupKind(group: "", kind: "ConfigMap")])
            }
            #expect(error?.code == .timeout)
            harness.sim.faults.stopHanging()
            let pid = try #require(
                Int32(
                    try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                )
            )
            #expect(processState(pid) == nil, "kubectl was reaped: no zombie")
            try await waitUntil("every process of kubectl's group is gone", timeout: .seconds(60)) {
                processesInGroup(pid).allSatisfy { processState($0) == "Z" || processState($0) == nil }
            }
        }
    }

    @Test("a missing kubectl is kubectlMissing")
    func kubectlMissing() async throws {
        try await withKubeSim { harness in
            let client = harness.client(kubectl: "/nonexistent/kubectl")
            let error = await #expect(throws: ClusterError.self) { try await client.serverVersion() }
            #expect(error?.code == .kubectlMissing)
        }
    }

    @Test("a listing larger than the output limit is outputTooLarge", arguments: KubectlBinaries.available)
    func outputCap(kubectl: String) async throws {
        try await withKubeSim { harness in
            let objects = [Manifests.namespace("ml")] + (1...20).map { Manifests.configMap("c\($0)", in: "ml") }
            _ = try await harness.client(kubectl: kubectl).apply(objects)
            let client = harness.client(kubectl: kubectl, outputLimit: 4096)
            let error = await #expect(throws: ClusterError.self) {
                try await client.listManaged(kinds: [GroupKind(group: "", kind: "ConfigMap")])
            }
            #expect(error?.code == .outputTooLarge)
        }
    }

    @Test("a Secret's content reaches neither logs nor errors", arguments: KubectlBinaries.available)
    func secretsStayOut(kubectl: String) async throws {
        try await withKubeSim { harness in
            let logs = CapturedLogs()
            let client = harness.client(kubectl: kubectl, logger: logs.logger)
            let outcome = try await client.apply([Manifests.secret("db", in: "nowhere", value: "s3cr3t-value")])
            let error = try #require(outcome.results.first?.error)
            #expect(error.code == .notFound)
            #expect(!"\(error)".contains("s3cr3t-value"))
            #expect(!logs.entries.isEmpty)
            #expect(logs.entries.allSatisfy { !"\($0.message) \($0.metadata)".contains("s3cr3t-value") })
        }
    }
}

/// The processes whose process group is `group`, from /proc.
func processesInGroup(_ group: Int32) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { pid in
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let closing = stat.lastIndex(of: ")")
        else { return false }
        // After the command name: state, ppid, pgrp.
        let fields = stat[stat.index(after: closing)...].split(separator: " ")
        return fields.count > 2 && Int32(fields[2]) == group
    }
}
