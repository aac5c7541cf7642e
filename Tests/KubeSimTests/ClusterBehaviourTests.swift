import Foundation
import KubeSim
import MooringCore
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("KubeSim: CRDs, readiness, watches, errors, faults and the executable")
struct ClusterBehaviourTests {
    static let crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          names: {kind: Widget, plural: widgets, singular: widget}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer}
        """

    static let inferenceService = """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: fraud}
        spec:
          predictor:
            minReplicas: 1
            maxReplicas: 4
            canaryTrafficPercent: 10
            model:
              modelFormat: {name: sklearn}
              runtime: kserve-sklearnserver
              storageUri: s3://models/fraud/13/
              resources: {limits: {cpu: "2", memory: 4Gi, nvidia.com/gpu: "1"}}
        """

    @Test("a CRD becomes Established and its custom objects are served and validated by its schema")
    func customResources() async throws {
        try await withKubeSim { harness in
            try await harness.kubectlOK(["apply", "--server-side", "-f", "-"], input: Self.crd)
            let crd = try await harness.getJSON(["crd", "widgets.example.com"])
            let conditions = crd["status"]?["conditions"]?.arrayValue ?? []
            #expect(conditions.contains { $0["type"] == "Established" && $0["status"] == "True" })
            #expect(conditions.contains { $0["type"] == "NamesAccepted" && $0["status"] == "True" })
            let widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}\n"
            try await harness.kubectlOK(["apply", "--server-side", "-f", "-"], input: widget)
            #expect(try await harness.getJSON(["widget", "w"])["spec"]?["size"] == 3)
            let unknown = try await harness.kubectl(
                ["apply", "--server-side", "-f", "-"],
                input: widget.replacingOccurrences(of: "size: 3", with: "size: 3, colour: red")
            )
            #expect(unknown.stderr.contains(".spec.colour: field not declared in schema"))
        }
    }

    @Test("an InferenceService becomes Ready with a URL, unless held back")
    func inferenceServiceReadiness() async throws {
        try await withKubeSim { harness in
            try await harness.kubectlOK(["apply", "--server-side", "-f", "-"], input: Self.inferenceService)
            try await harness.kubectlOK(["wait", "--for=condition=Ready", "inferenceservice/fraud", "--timeout=20s"])
            let ready = try await harness.getJSON(["isvc", "fraud"])
            #expect(ready["status"]?["url"]?.stringValue?.hasPrefix("http://fraud.default.") == true)
            #expect(ready["status"]?["observedGeneration"] == ready["metadata"]?["generation"])

            let held = ObjectIdentity(
                group: "serving.kserve.io",
                kind: "InferenceService",
                namespace: "default",
                name: "held"
            )
            await harness.sim.neverReady(held)
            try await harness.kubectlOK(
                ["apply", "--server-side", "-f", "-"],
                input: Self.inferenceService.replacingOccurrences(of: "name: fraud", with: "name: held")
            )
            let waited = try await harness.kubectl(["wait", "--for=condition=Ready", "isvc/held", "--timeout=2s"])
            #expect(waited.status != 0)
            let status = try await harness.getJSON(["isvc", "held"])["status"]?["conditions"]?.arrayValue ?? []
            #expect(status.contains { $0["type"] == "Ready" && $0["status"] == "False" })
        }
    }

    @Test("kubectl rollout status follows a Deployment through a watch until it is available")
    func rolloutStatus() async throws {
        try await withKubeSim(KubeSimOptions(readyDelay: .milliseconds(800))) { harness in
            try await harness.kubectlOK(["apply", "--server-side", "-f", "-"], input: ServerSideApplyTests.deployment)
            let output = try await harness.kubectlOK(["rollout", "status", "deployment/web", "--timeout=20s"])
            #expect(output.contains("successfully rolled out"))
            #expect(harness.sim.requests().contains { $0.query.contains("watch=true") })
            let object = try await harness.getJSON(["deployment", "web"])
            #expect(object["status"]?["readyReplicas"] == 2)
            #expect(object["status"]?["observedGeneration"] == 1)
        }
    }

    @Test("a held-back Deployment stays Progressing and rollout status times out")
    func neverReadyDeployment() async throws {
        try await withKubeSim { harness in
            await harness.sim.neverReady(
                ObjectIdentity(group: "apps", kind: "Deployment", namespace: "default", name: "web")
            )
            try await harness.kubectlOK(["apply", "--server-side", "-f", "-"], input: ServerSideApplyTests.deployment)
            let result = try await harness.kubectl(["rollout", "status", "deployment/web", "--timeout=2s"])
            #expect(result.status != 0)
            let conditions =
                try await harness.getJSON(["deployment", "web"])["status"]?["conditions"]?.arrayValue ?? []
            #expect(conditions.contains { $0["type"] == "Available" && $0["status"] == "False" })
        }
    }

    @Test("a watch with sendInitialEvents lists, then marks the end of initial events with a bookmark")
    func watchList() async throws {
        try await withKubeSim { harness in
            try await harness.kubectlOK(
                ["apply", "--server-side", "-f", "-"],
                input: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one}\n"
            )
            let url = URL(
                string:
                    "\(harness.sim.baseURL)/api/v1/namespaces/default/configmaps?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1"
            )!
            var request = URLRequest(url: url)
            request.setValue("Bearer kubesim-admin-token", forHTTPHeaderField: "Authorization")
            let (data, _) = try await URLSession.shared.data(for: request)
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map {
                try? JSONValue.parse(String($0))
            }
            #expect(lines.first??["type"] == "ADDED")
            #expect(lines.first??["object"]?["metadata"]?["name"] == "one")
            let bookmark = lines.compactMap { $0 }.first { $0["type"] == "BOOKMARK" }
            #expect(bookmark?["object"]?["metadata"]?["annotations"]?["k8s.io/initial-events-end"] == "true")
        }
    }

    @Test("errors are Status objects: wrong token 401, restricted user 403, protobuf 415")
    func errors() async throws {
        let reader = KubeSimUser(
            name: "reader",
            token: "reader-token",
            namespaces: ["team"],
            verbs: ["get", "list", "watch"]
        )
        try await withKubeSim(KubeSimOptions(users: [reader])) { harness in
            var request = URLRequest(url: URL(string: "\(harness.sim.baseURL)/api/v1/namespaces")!)
            request.setValue("Bearer wrong", forHTTPHeaderField: "Authorization")
            let (data, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 401)
            let status = try JSONValue.parse(Array(data))
            #expect(status["kind"] == "Status")
            #expect(status["reason"] == "Unauthorized")

            let forbidden = try await harness.kubectl(["get", "configmaps", "-n", "default"], context: "reader")
            #expect(
                forbidden.stderr.contains(
                    "configmaps is forbidden: User \"reader\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"default\""
                )
            )
            let allowed = try await harness.kubectl(["get", "configmaps", "-n", "team"], context: "reader")
            #expect(allowed.status == 0)

            let protobuf = try await harness.kubectl(["create", "configmap", "p", "--from-literal=a=b"])
            #expect(protobuf.stderr.contains("the body of the request was in an unknown format"))

            let missing = try await harness.kubectl(["get", "configmap", "nope", "-o", "json"])
            #expect(missing.stderr.contains("configmaps \"nope\" not found"))
        }
    }

    @Test("injected failures, latency, hung requests and refused connections reach kubectl")
    func faults() async throws {
        try await withKubeSim { harness in
            try await harness.kubectlOK(["get", "namespaces"])
            harness.sim.faults.failNext(
                1,
                status: 503,
                matching: KubeSimFaults.Match(method: "GET", pathContains: "/namespaces/default")
            )
            let failed = try await harness.kubectl(["get", "namespace", "default"])
            #expect(failed.status != 0)
            try await harness.kubectlOK(["get", "namespace", "default"])

            harness.sim.faults.hangRequests(matching: KubeSimFaults.Match(pathContains: "/configmaps"))
            let hung = try await harness.kubectl(["get", "configmaps", "--request-timeout=1s"])
            #expect(hung.status != 0)
            harness.sim.faults.stopHanging()

            await harness.sim.refuseConnections()
            let refused = try await harness.kubectl(["get", "namespaces", "--request-timeout=2s"])
            #expect(refused.stderr.contains("refused"))
            try await harness.sim.acceptConnections()
            try await harness.kubectlOK(["get", "namespaces"])

            harness.sim.resetRequests()
            try await harness.kubectlOK(["get", "configmaps"])
            #expect(!harness.sim.requests().isEmpty)
            #expect(!harness.sim.requests().contains { $0.isWrite })
        }
    }

    @Test("the kubesim executable prints its port first and exits 0 on SIGTERM")
    func executable() async throws {
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/kubesim").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the kubesim product first")
        try await withTemporaryDirectory { directory in
            let kubeconfig = directory.appendingPathComponent("kubeconfig").path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["--port", "0", "--kubeconfig-out", kubeconfig]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let line = try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<String, any Error>) in
                Thread {
                    var bytes: [UInt8] = []
                    while let byte = try? output.fileHandleForReading.read(upToCount: 1), let first = byte.first,
                        first != 0x0A
                    {
                        bytes.append(first)
                    }
                    continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
                }.start()
            }
            let port = try #require(Int(line))
            #expect(port > 0)
            let version = try run(
                [
                    "/usr/bin/kubectl", "--kubeconfig", kubeconfig, "--cache-dir",
                    directory.appendingPathComponent("cache").path, "version", "-o", "json",
                ],
                check: false
            )
            #expect(version.stdout.contains("\"minor\": \"32\""))
            process.terminate()
            process.waitUntilExit()
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 0)
        }
    }
}
