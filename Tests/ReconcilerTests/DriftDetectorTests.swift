import Manifests
import MooringCore
import Reconciler
import Testing

@Suite("Drift detection")
struct DriftDetectorTests {
    @Test("a replica change through kubectl scale names the field, both values and the manager")
    func scaled() throws {
        let desired = Fixtures.deployment("a", replicas: 2)
        var live = Fixtures.live(
            desired,
            resourceVersion: "9",
            managers: [
                ["manager": "mooring", "operation": "Apply", "fieldsV1": ["f:spec": ["f:template": [:]]]],
                [
                    "manager": "kubectl", "operation": "Update", "subresource": "scale",
                    "fieldsV1": ["f:spec": ["f:replicas": [:]]],
                ],
            ]
        )
        live.set(5, at: "spec.replicas")
        let drift = try #require(
            DriftDetector.detect(
                identity: desired.identity,
                expected: Fixtures.live(desired, resourceVersion: "9"),
                live: live,
                mode: .alert,
                fieldManager: "mooring"
            )
        )
        #expect(drift.fields == [FieldDrift(path: "spec.replicas", desired: 2, live: 5, managers: ["kubectl"])])
        #expect(drift.managers == ["kubectl"])
    }

    @Test("a container image patch is attributed through a keyed list entry")
    func patchedImage() throws {
        let desired = Fixtures.deployment("a", image: "server:1")
        var live = Fixtures.live(
            desired,
            resourceVersion: "9",
            managers: [
                [
                    "manager": "kubectl-patch", "operation": "Update",
                    "fieldsV1": [
                        "f:spec": [
                            "f:template": ["f:spec": ["f:containers": [#"k:{"name":"server"}"#: ["f:image": [:]]]]]
                        ]
                    ],
                ]
            ]
        )
        live.set(
            "server:evil",
            at: FieldPath([.key("spec"), .key("template"), .key("spec"), .key("containers"), .index(0), .key("image")])
        )
        let drift = try #require(
            DriftDetector.detect(
                identity: desired.identity,
                expected: Fixtures.live(desired, resourceVersion: "9"),
                live: live,
                mode: .heal,
                fieldManager: "mooring"
            )
        )
        #expect(drift.fields.map(\.path.description) == ["spec.template.spec.containers[name=server].image"])
        #expect(drift.fields.first?.managers == ["kubectl-patch"])
    }

    @Test("status, resourceVersion, managedFields and timestamps are never drift")
    func noFalseDrift() {
        let desired = Fixtures.deployment("a")
        var live = Fixtures.live(desired, resourceVersion: "12")
        live.set(["replicas": 2, "observedGeneration": 9], at: "status")
        live.set("41", at: "metadata.resourceVersion")
        live.set(
            .string("{}"),
            at: FieldPath([.key("metadata"), .key("annotations"), .key("deployment.kubernetes.io/revision")])
        )
        let drift = DriftDetector.detect(
            identity: desired.identity,
            expected: Fixtures.live(desired, resourceVersion: "12"),
            live: live,
            mode: .heal,
            fieldManager: "mooring"
        )
        #expect(drift == nil)
    }

    @Test("a deleted object is drift of its own kind")
    func deleted() {
        let desired = Fixtures.deployment("a")
        let drift = DriftDetector.detect(
            identity: desired.identity,
            expected: desired.object,
            live: nil,
            mode: .heal,
            fieldManager: "mooring"
        )
        #expect(drift?.kind == .deleted)
    }

    @Test("secret values never appear in a drift report")
    func secretsRedacted() throws {
        let secret = Resource(object: [
            "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "creds", "namespace": "ml-prod"],
            "data": ["password": "aHVudGVyMg=="],
        ])
        var live = secret.object
        live.set("c3dvcmRmaXNo", at: "data.password")
        let drift = try #require(
            DriftDetector.detect(
                identity: secret.identity,
                expected: secret.object,
                live: live,
                mode: .alert,
                fieldManager: "mooring"
            )
        )
        #expect(drift.fields.first?.path.description == "data.password")
        #expect(drift.fields.first?.live == SecretRedaction.marker)
        #expect(drift.fields.first?.desired == SecretRedaction.marker)
        #expect(!drift.fingerprint.isEmpty)
    }

    @Test("the same drift has the same fingerprint; a different value changes it")
    func fingerprint() throws {
        let desired = Fixtures.deployment("a", replicas: 2)
        func drift(_ replicas: Int) throws -> Drift {
            var live = Fixtures.live(desired, resourceVersion: "9")
            live.set(.int(replicas), at: "spec.replicas")
            return try #require(
                DriftDetector.detect(
                    identity: desired.identity,
                    expected: desired.object,
                    live: live,
                    mode: .alert,
                    fieldManager: "mooring"
                )
            )
        }
        #expect(try drift(5).fingerprint == (try drift(5)).fingerprint)
        #expect(try drift(5).fingerprint != (try drift(6)).fingerprint)
    }
}
