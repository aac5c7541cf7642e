import Foundation
import KubeSim
import MooringCore
import TestSupport
import Testing

/// Behaviour Mooring relies on, exercised with the real kubectl (1.32 through `/usr/bin/kubectl`).
@Suite("KubeSim answers the real kubectl like a v1.32 API server")
struct KubectlBehaviourTests {
    static let deployment = ServerSideApplyTests.deployment

    @Test("kubectl version reports a v1.32 server")
    func version() async throws {
        try await withKubeSim { harness in
            let output = try await harness.kubectlOK(["version", "-o", "json"])
            let version = try JSONValue.parse(output)
            #expect(version["serverVersion"]?["minor"] == "32")
            #expect(version["serverVersion"]?["gitVersion"]?.stringValue?.hasPrefix("v1.32.") == true)
        }
    }

    @Test("discovery lists the served kinds, InferenceService included")
    func discovery() async throws {
        try await withKubeSim { harness in
            let output = try await harness.kubectlOK(["api-resources", "-o", "name"])
            for resource in [
                "deployments.apps", "services", "configmaps", "leases.coordination.k8s.io",
                "customresourcedefinitions.apiextensions.k8s.io", "inferenceservices.serving.kserve.io",
                "roles.rbac.authorization.k8s.io",
            ] {
                #expect(output.contains(resource), "missing \(resource)")
            }
            let aggregated = harness.sim.requests().contains { $0.path == "/apis" }
            #expect(aggregated)
        }
    }

    @Test("a second apply by another manager of a field it does not own conflicts, and --force-conflicts takes it")
    func conflictsAndForce() async throws {
        try await withKubeSim { harness in
            try await harness.kubectlOK(["apply", "--server-side", "-f", "-"], input: Self.deployment)
            try await harness.kubectlOK(["scale", "deployment/web", "--replicas=5"])
            let refused = try await harness.kubectl(["apply", "--server-side", "-f", "-"], input: Self.deployment)
            #expect(refused.status != 0)
            #expect(
                refused.stderr.contains(
                    "Apply failed with 1 conflict: conflict with \"kubectl\" with subresource \"scale\" using apps/v1: .spec.replicas"
                )
            )
            try await harness.kubectlOK(
                ["apply", "--server-side", "--force-conflicts", "-f", "-"],
                input: Self.deployment
            )
            let object = try await harness.getJSON(["deployment", "web"], showManagedFields: true)
            #expect(object["spec"]?["replicas"] == 2)
            let scaleEntry = object["metadata"]?["managedFields"]?.arrayValue?.first { $0["subresource"] == "scale" }
            #expect(scaleEntry == nil)
        }
    }

    @Test("kubectl scale and kubectl patch are recorded as Update managers of the fields they changed")
    func updateManagers() async throws {
        try await withKubeSim { harness in
            try await harness.kubectlOK(["apply", "--server-side", "-f", "-"], input: Self.deployment)
            try await harness.kubectlOK(["scale", "deployment/web", "--replicas=3"])
            try await harness.kubectlOK([
                "patch", "deployment", "web", "-p",
                #"{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:1.26"}]}}}}"#,
            ])
            let object = try await harness.getJSON(["deployment", "web"], showManagedFields: true)
            let entries = object["metadata"]?["managedFields"]?.arrayValue ?? []
            let scale = entries.first { $0["subresource"] == "scale" }
            #expect(scale?["operation"] == "Update")
            #expect(scale?["fieldsV1"]?["f:spec"]?["f:replicas"] == [:])
            let patch = entries.first { $0["manager"] == "kubectl-patch" }
            #expect(patch?["operation"] == "Update")
            #expect(
                patch?["fieldsV1"]?[
                    path: FieldPath([
                        .key("f:spec"), .key("f:template"), .key("f:spec"), .key("f:containers"),
                        .key("k:{\"name\":\"app\"}"), .key("f:image"),
                    ])
                ] == [:]
            )
            #expect(
                object["spec"]?["template"]?["spec"]?["containers"]?[path: FieldPath([.index(0), .key("image")])]
                    == "nginx:1.26"
            )
            #expect(object["metadata"]?["generation"] == 3)
        }
    }

    @Test("fields an applier stops sending are removed unless another manager owns them")
    func applierRemovesFields() async throws {
        try await withKubeSim { harness in
            let withLabel = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, labels: {team: ml, tier: web}}
                data: {a: "1", b: "2"}
                """
            let withoutLabel = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, labels: {team: ml}}
                data: {a: "1"}
                """
            try await harness.kubectlOK(
                ["apply", "--server-side", "--field-manager=mooring", "-f", "-"],
                input: withLabel
            )
            try await harness.kubectlOK(
                ["apply", "--server-side", "--field-manager=mooring", "-f", "-"],
                input: withoutLabel
            )
            let object = try await harness.getJSON(["configmap", "settings"])
            #expect(object["data"] == ["a": "1"])
            #expect(object["metadata"]?["labels"] == ["team": "ml"])
        }
    }

    @Test("the server fills in Deployment and Service defaults the applier does not own")
    func defaulting() async throws {
        try await withKubeSim { harness in
            let service = """
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  ports: [{port: 80}]
                """
            try await harness.kubectlOK(
                ["apply", "--server-side", "-f", "-"],
                input: Self.deployment + "\n---\n" + service
            )
            let deployment = try await harness.getJSON(["deployment", "web"], showManagedFields: true)
            let spec = deployment["spec"] ?? [:]
            #expect(
                spec["strategy"] == [
                    "type": "RollingUpdate", "rollingUpdate": ["maxSurge": "25%", "maxUnavailable": "25%"],
                ]
            )
            #expect(spec["revisionHistoryLimit"] == 10)
            #expect(spec["progressDeadlineSeconds"] == 600)
            let pod = spec["template"]?["spec"] ?? [:]
            #expect(pod["restartPolicy"] == "Always")
            #expect(pod["dnsPolicy"] == "ClusterFirst")
            #expect(pod["schedulerName"] == "default-scheduler")
            #expect(pod["terminationGracePeriodSeconds"] == 30)
            #expect(pod["securityContext"] == [:])
            let container = pod["containers"]?.arrayValue?.first ?? [:]
            #expect(container["terminationMessagePath"] == "/dev/termination-log")
            #expect(container["terminationMessagePolicy"] == "File")
            #expect(container["imagePullPolicy"] == "IfNotPresent")
            #expect(container["ports"] == [["containerPort": 80, "protocol": "TCP"]])
            let applier = deployment["metadata"]?["managedFields"]?.arrayValue?.first { $0["manager"] == "kubectl" }
            #expect(applier?["fieldsV1"]?["f:spec"]?["f:revisionHistoryLimit"] == nil)

            let svc = try await harness.getJSON(["service", "web"])
            let svcSpec = svc["spec"] ?? [:]
            #expect(svcSpec["type"] == "ClusterIP")
            #expect(svcSpec["sessionAffinity"] == "None")
            #expect(svcSpec["ipFamilyPolicy"] == "SingleStack")
            #expect(svcSpec["ipFamilies"] == ["IPv4"])
            #expect(svcSpec["internalTrafficPolicy"] == "Cluster")
            #expect(svcSpec["clusterIP"]?.stringValue?.hasPrefix("10.96.") == true)
            #expect(svcSpec["clusterIPs"] == [svcSpec["clusterIP"] ?? nil])
            #expect(svcSpec["ports"] == [["port": 80, "protocol": "TCP", "targetPort": 80]])
        }
    }

    @Test("an image without a tag or with :latest is pulled Always")
    func pullPolicyForLatest() async throws {
        try await withKubeSim { harness in
            try await harness.kubectlOK(
                ["apply", "--server-side", "-f", "-"],
                input: Self.deployment.replacingOccurrences(of: "nginx:1.25", with: "nginx")
            )
            let object = try await harness.getJSON(["deployment", "web"])
            #expect(
                object["spec"]?["template"]?["spec"]?["containers"]?[
                    path: FieldPath([.index(0), .key("imagePullPolicy")])
                ] == "Always"
            )
        }
    }

    @Test("generation moves on spec changes only, not on metadata or status")
    func generation() async throws {
        try await withKubeSim { harness in
            try await harness.kubectlOK(["apply", "--server-side", "-f", "-"], input: Self.deployment)
            try await harness.kubectlOK(["rollout", "status", "deployment/web", "--timeout=20s"])
            #expect(try await harness.getJSON(["deployment", "web"])["metadata"]?["generation"] == 1)
            try await harness.kubectlOK(["label", "deployment", "web", "extra=yes"])
            #expect(try await harness.getJSON(["deployment", "web"])["metadata"]?["generation"] == 1)
            try await harness.kubectlOK(
                ["apply", "--server-side", "-f", "-"],
                input: Self.deployment.replacingOccurrences(of: "replicas: 2", with: "replicas: 4")
            )
            #expect(try await harness.getJSON(["deployment", "web"])["metadata"]?["generation"] == 2)
        }
    }

    @Test("a server-side dry run stores nothing and does not move the resourceVersion")
    func dryRun() async throws {
        try await withKubeSim { harness in
            let before = try await harness.getJSON(["namespace", "default"])["metadata"]?["resourceVersion"]
            let output = try await harness.kubectlOK(
                ["apply", "--server-side", "--dry-run=server", "-f", "-", "-o", "json"],
                input: Self.deployment
            )
            let wouldBe = try JSONValue.parse(output)
            #expect(wouldBe["spec"]?["revisionHistoryLimit"] == 10)
            let missing = try await harness.kubectl(["get", "deployment", "web"])
            #expect(missing.stderr.contains("deployments.apps \"web\" not found"))
            let list = try await harness.getJSON(["namespaces"])
            #expect(list["metadata"]?["resourceVersion"] != nil)
            #expect(try await harness.getJSON(["namespace", "default"])["metadata"]?["resourceVersion"] == before)
            #expect(!harness.sim.requests().contains { $0.isWrite })
        }
    }

    @Test("label selectors (equality and set-based) and field selectors filter lists, across namespaces too")
    func selectors() async throws {
        try await withKubeSim { harness in
            let maps = ["a": "prod", "b": "staging", "c": "dev"].map { name, env in
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \(name), labels: {env: \(env)}}\n"
            }.joined(separator: "---\n")
            try await harness.kubectlOK(["apply", "--server-side", "-f", "-"], input: maps)
            #expect(try await harness.kubectlOK(["get", "cm", "-l", "env=prod", "-o", "name"]) == "configmap/a\n")
            #expect(
                try await harness.kubectlOK(["get", "cm", "-l", "env in (prod,dev)", "-o", "name"])
                    == "configmap/a\nconfigmap/c\n"
            )
            #expect(
                try await harness.kubectlOK(["get", "cm", "-l", "env!=prod,env", "-o", "name"])
                    == "configmap/b\nconfigmap/c\n"
            )
            #expect(
                try await harness.kubectlOK(["get", "cm", "-A", "--field-selector", "metadata.name=b", "-o", "name"])
                    == "configmap/b\n"
            )
            #expect(try await harness.kubectlOK(["get", "cm", "-l", "!env", "-o", "name"]).isEmpty)
        }
    }

    @Test("an object in a missing namespace is NotFound naming the namespace")
    func missingNamespace() async throws {
        try await withKubeSim { harness in
            let result = try await harness.kubectl(
                ["apply", "--server-side", "-f", "-"],
                input: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: nowhere}\n"
            )
            #expect(result.status != 0)
            #expect(result.stderr.contains("namespaces \"nowhere\" not found"))
        }
    }

    @Test("unknown fields are refused (server-side field validation) and invalid objects are 422 with causes")
    func validation() async throws {
        try await withKubeSim { harness in
            let unknown = Self.deployment.replacingOccurrences(of: "replicas: 2", with: "replicas: 2\n  foo: bar")
            let ssa = try await harness.kubectl(["apply", "--server-side", "-f", "-"], input: unknown)
            #expect(ssa.stderr.contains(".spec.foo: field not declared in schema"))
            let create = try await harness.kubectl(["create", "-f", "-", "--validate=strict"], input: unknown)
            #expect(create.status != 0)
            let noImage = Self.deployment.replacingOccurrences(of: "        image: nginx:1.25\n", with: "")
            let invalid = try await harness.kubectl(["apply", "--server-side", "-f", "-"], input: noImage)
            #expect(invalid.stderr.contains("spec.template.spec.containers[0].image: Required value"))
            let badName = try await harness.kubectl(
                ["apply", "--server-side", "-f", "-"],
                input: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n"
            )
            #expect(badName.stderr.contains("metadata.name: Invalid value: \"Bad_Name\""))
            let port = try await harness.kubectl(
                ["apply", "--server-side", "-f", "-"],
                input: "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 70000}]}\n"
            )
            #expect(
                port.stderr.contains("spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive")
            )
        }
    }

    @Test("client-side kubectl apply works through strategic merge patches")
    func clientSideApply() async throws {
        try await withKubeSim { harness in
            try await harness.kubectlOK(["apply", "-f", "-"], input: Self.deployment)
            let changed = Self.deployment.replacingOccurrences(of: "nginx:1.25", with: "nginx:1.27")
                .replacingOccurrences(of: "containerPort: 80", with: "containerPort: 8080")
            let output = try await harness.kubectlOK(["apply", "-f", "-"], input: changed)
            #expect(output.contains("configured"))
            let object = try await harness.getJSON(["deployment", "web"])
            let container = object["spec"]?["template"]?["spec"]?["containers"]?[path: FieldPath([.index(0)])]
            #expect(container?["image"] == "nginx:1.27")
            #expect(container?["ports"] == [["containerPort": 8080, "protocol": "TCP"]])
            #expect(object["metadata"]?["annotations"]?["kubectl.kubernetes.io/last-applied-configuration"] != nil)
        }
    }

    @Test("kubectl get prints tables with NAME and AGE columns")
    func tables() async throws {
        try await withKubeSim { harness in
            try await harness.kubectlOK(["apply", "--server-side", "-f", "-"], input: Self.deployment)
            let output = try await harness.kubectlOK(["get", "deployments"])
            #expect(output.hasPrefix("NAME"))
            #expect(output.contains("AGE"))
            #expect(output.contains("web"))
        }
    }

    @Test("deleting a namespace removes it and its contents after a Terminating phase")
    func namespaceDeletion() async throws {
        try await withKubeSim(KubeSimOptions(namespaceTerminationDelay: .seconds(3))) { harness in
            try await harness.kubectlOK(
                ["apply", "--server-side", "-f", "-"],
                input: "apiVersion: v1\nkind: Namespace\nmetadata: {name: gone}\n"
            )
            try await harness.kubectlOK(
                ["apply", "--server-side", "-f", "-"],
                input: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: gone}\n"
            )
            try await harness.kubectlOK(["delete", "namespace", "gone", "--wait=false"])
            #expect(try await harness.getJSON(["namespace", "gone"])["status"]?["phase"] == "Terminating")
            try await waitUntil("the namespace is gone") {
                try await harness.kubectl(["get", "namespace", "gone"]).status != 0
            }
            #expect(
                await harness.sim.object(ObjectIdentity(group: "", kind: "ConfigMap", namespace: "gone", name: "x"))
                    == nil
            )
        }
    }
}
