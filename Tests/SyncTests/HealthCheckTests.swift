import MooringCore
import Testing

@testable import Sync

/// The one place that says what healthy means: readiness and the served version, on objects as the API server
/// returns them.
@Suite("Health of applied objects")
struct HealthCheckTests {
    static func deployment(version: String, uri: String, updated: Int = 2) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": [
                "name": "churn", "namespace": "ml", "generation": 1,
                "labels": ["mooring.dev/version": .string(version)],
            ],
            "spec": [
                "replicas": 2,
                "template": [
                    "spec": [
                        "containers": [["name": "server", "env": [["name": "MODEL_URI", "value": .string(uri)]]]]
                    ]
                ],
            ],
            "status": [
                "observedGeneration": 1, "replicas": 2, "updatedReplicas": .int(updated), "availableReplicas": 2,
            ],
        ]
    }

    static let configMap: JSONValue = [
        "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings", "namespace": "ml"],
    ]

    static func live(_ objects: JSONValue...) -> [ObjectIdentity: JSONValue] {
        Dictionary(uniqueKeysWithValues: objects.map { (Resource(object: $0).identity, $0) })
    }

    @Test("only Deployments, InferenceServices and CustomResourceDefinitions are waited for")
    func watchedKinds() {
        let check = HealthCheck([
            Resource(object: Self.configMap), Resource(object: Self.deployment(version: "12", uri: "s3://m/12")),
        ])
        #expect(check.watched.map(\.reference.identity.kind) == ["Deployment"])
        #expect(HealthCheck([Resource(object: Self.configMap)]).isEmpty)
    }

    @Test("a rolled-out Deployment serving the version and artifact git names is healthy")
    func healthy() {
        let desired = Self.deployment(version: "12", uri: "s3://m/12")
        #expect(HealthCheck([Resource(object: desired)]).problems(in: Self.live(desired)).isEmpty)
    }

    @Test("a missing object, a rollout in progress and another served version are each a problem, named")
    func problems() {
        let desired = Self.deployment(version: "12", uri: "s3://m/12")
        let check = HealthCheck([Resource(object: desired)])
        #expect(check.problems(in: [:]) == ["Deployment.apps ml/churn does not exist"])
        let rolling = check.problems(in: Self.live(Self.deployment(version: "12", uri: "s3://m/12", updated: 1)))
        #expect(rolling.count == 1 && rolling[0].contains("is progressing"), "\(rolling)")
        let older = check.problems(in: Self.live(Self.deployment(version: "11", uri: "s3://m/11")))
        #expect(older == ["Deployment.apps ml/churn serves version 11 instead of 12"])
        let artifact = check.problems(in: Self.live(Self.deployment(version: "12", uri: "s3://m/other")))
        #expect(artifact == ["Deployment.apps ml/churn serves artifact s3://m/other instead of s3://m/12"])
    }
}
