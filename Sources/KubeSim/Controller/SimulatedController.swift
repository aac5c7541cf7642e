// Folder KubeSim/Controller: what turns Deployments and InferenceServices Ready.

import MooringCore

/// The status a Deployment controller and KServe's controller would write, in progress or ready.
enum SimulatedController {
    static func deploymentStatus(_ object: JSONValue, ready: Bool, now: String) -> JSONValue {
        let replicas = object["spec"]?["replicas"]?.intValue ?? 1
        let generation = object["metadata"]?["generation"] ?? 1
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        let replicaSet =
            "\(name)-\(APIServer.hash(object["spec"]?["template"]?.serialized() ?? "").lowercased().prefix(10))"
        let previous = (object["status"]?["conditions"]?.arrayValue ?? [])
        func since(_ type: String, _ status: String) -> JSONValue {
            let existing = previous.first { $0["type"]?.stringValue == type }
            if existing?["status"]?.stringValue == status, let time = existing?["lastTransitionTime"] { return time }
            return .string(now)
        }
        var status: JSONValue = ["observedGeneration": generation]
        if ready {
            status["replicas"] = .int(replicas)
            status["updatedReplicas"] = .int(replicas)
            status["readyReplicas"] = .int(replicas)
            status["availableReplicas"] = .int(replicas)
            status["conditions"] = [
                [
                    "type": "Available", "status": "True", "reason": "MinimumReplicasAvailable",
                    "message": "Deployment has minimum availability.", "lastUpdateTime": .string(now),
                    "lastTransitionTime": since("Available", "True"),
                ],
                [
                    "type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable",
                    "message": .string("ReplicaSet \"\(replicaSet)\" has successfully progressed."),
                    "lastUpdateTime": .string(now), "lastTransitionTime": since("Progressing", "True"),
                ],
            ]
            if replicas == 0 {
                status["replicas"] = nil
                status["updatedReplicas"] = nil
                status["readyReplicas"] = nil
                status["availableReplicas"] = nil
            }
        } else {
            status["replicas"] = .int(replicas)
            status["updatedReplicas"] = .int(replicas)
            status["unavailableReplicas"] = .int(replicas)
            status["conditions"] = [
                [
                    "type": "Available", "status": "False", "reason": "MinimumReplicasUnavailable",
                    "message": "Deployment does not have minimum availability.", "lastUpdateTime": .string(now),
                    "lastTransitionTime": since("Available", "False"),
                ],
                [
                    "type": "Progressing", "status": "True", "reason": "ReplicaSetUpdated",
                    "message": .string("ReplicaSet \"\(replicaSet)\" is progressing."),
                    "lastUpdateTime": .string(now), "lastTransitionTime": since("Progressing", "True"),
                ],
            ]
        }
        return status
    }

    static func inferenceServiceStatus(_ object: JSONValue, ready: Bool, now: String) -> JSONValue {
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        let namespace = object["metadata"]?["namespace"]?.stringValue ?? "default"
        let flag: JSONValue = ready ? "True" : "False"
        func condition(_ type: String) -> JSONValue {
            var condition: JSONValue = ["type": .string(type), "status": flag, "lastTransitionTime": .string(now)]
            if !ready {
                condition["reason"] = "PredictorNotReady"
                condition["message"] = "Predictor is not ready"
            }
            return condition
        }
        var status: JSONValue = [
            "observedGeneration": object["metadata"]?["generation"] ?? 1,
            "conditions": [condition("IngressReady"), condition("PredictorReady"), condition("Ready")],
            "modelStatus": [
                "states": ["activeModelState": ready ? "Loaded" : "Pending", "targetModelState": "Loaded"],
                "transitionStatus": ready ? "UpToDate" : "InProgress",
            ],
        ]
        if ready {
            status["url"] = .string("http://\(name).\(namespace).example.com")
            status["address"] = ["url": .string("http://\(name)-predictor.\(namespace).svc.cluster.local")]
            let traffic = object["spec"]?["predictor"]?["canaryTrafficPercent"]?.intValue
            status["components"] = [
                "predictor": [
                    "latestCreatedRevision": .string(
                        "\(name)-predictor-0000\(object["metadata"]?["generation"]?.intValue ?? 1)"
                    ),
                    "latestReadyRevision": .string(
                        "\(name)-predictor-0000\(object["metadata"]?["generation"]?.intValue ?? 1)"
                    ),
                    "traffic": [["percent": .int(traffic ?? 100), "latestRevision": true]],
                ]
            ]
        }
        return status
    }
}
