import Cluster
import MooringCore
import Testing

/// Readiness rules read from status, on objects as the API server returns them.
@Suite("Readiness from status")
struct ReadinessTests {
    func deployment(generation: Int = 2, replicas: Int = 3, status: JSONValue) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": "web", "namespace": "ml", "generation": .int(generation)],
            "spec": ["replicas": .int(replicas)], "status": status,
        ]
    }

    @Test(
        "a Deployment is rolled out when the latest generation is observed and every replica is updated and available"
    )
    func rolledOut() {
        let object = deployment(status: [
            "observedGeneration": 2, "replicas": 3, "updatedReplicas": 3, "availableReplicas": 3,
        ])
        #expect(Readiness(of: object).state == .ready)
    }

    @Test(
        "a Deployment is progressing while the controller or its replicas lag behind",
        arguments: [
            ["observedGeneration": 1, "replicas": 3, "updatedReplicas": 3, "availableReplicas": 3],
            ["observedGeneration": 2, "replicas": 3, "updatedReplicas": 2, "availableReplicas": 3],
            ["observedGeneration": 2, "replicas": 4, "updatedReplicas": 3, "availableReplicas": 3],
            ["observedGeneration": 2, "replicas": 3, "updatedReplicas": 3, "availableReplicas": 1],
            [:],
        ] as [JSONValue]
    )
    func progressing(status: JSONValue) {
        let readiness = Readiness(of: deployment(status: status))
        #expect(readiness.state == .progressing)
        #expect(!readiness.reason.isEmpty)
    }

    @Test("a Deployment past its progress deadline has failed")
    func deadlineExceeded() {
        let object = deployment(status: [
            "observedGeneration": 2, "replicas": 3, "updatedReplicas": 1, "availableReplicas": 1,
            "conditions": [
                [
                    "type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded",
                    "message": #"ReplicaSet "web-1" has timed out progressing."#,
                ]
            ],
        ])
        let readiness = Readiness(of: object)
        #expect(readiness.state == .failed)
        #expect(readiness.reason.contains("timed out"))
    }

    @Test("an InferenceService is ready when its Ready condition is True for the latest generation")
    func inferenceService() {
        func object(generation: Int, observed: Int, ready: String) -> JSONValue {
            [
                "apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService",
                "metadata": ["name": "fraud", "namespace": "ml", "generation": .int(generation)],
                "status": [
                    "observedGeneration": .int(observed),
                    "conditions": [["type": "Ready", "status": .string(ready), "reason": "Rolling"]],
                ],
            ]
        }
        #expect(Readiness(of: object(generation: 2, observed: 2, ready: "True")).state == .ready)
        #expect(Readiness(of: object(generation: 2, observed: 2, ready: "False")).state == .progressing)
        #expect(Readiness(of: object(generation: 3, observed: 2, ready: "True")).state == .progressing)
    }

    @Test("objects of other kinds are ready once they exist")
    func otherKinds() {
        let object: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c", "namespace": "ml"],
        ]
        #expect(Readiness(of: object) == Readiness(object: Resource(object: object).identity, state: .ready))
    }
}
