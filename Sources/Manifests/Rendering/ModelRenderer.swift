// Folder Manifests/Rendering: a ModelDeployment into Kubernetes objects.

import MooringCore

/// Renders a ModelDeployment and its version records into the Kubernetes objects that serve it.
struct ModelRenderer {
    /// The container port the serving image listens on (`target: deployment`).
    static let containerPort = 8080
    /// The port the Service exposes.
    static let servicePort = 80

    var deployment: ModelDeployment
    var namespace: String
    var stable: ModelVersion
    var canary: ModelVersion?
    /// The file the ModelDeployment came from, recorded in `mooring.dev/source-file`.
    var sourceFile: String

    func render() -> [JSONValue] {
        switch deployment.target {
        case .kserve: return [inferenceService()]
        case .deployment: return deploymentObjects()
        }
    }

    /// One InferenceService. With a canary, its spec is the canary (the latest revision) and KServe keeps
    /// the previous ready revision, stable, for the rest of the traffic.
    private func inferenceService() -> JSONValue {
        let served = canary ?? stable
        var model: JSONValue = [
            "modelFormat": ["name": .string(deployment.format ?? "")],
            "storageUri": .string(served.artifact.uri),
        ]
        if let runtime = deployment.runtime { model["runtime"] = .string(runtime) }
        if let resources = deployment.resources { model["resources"] = resources }
        var predictor: JSONValue = [
            "minReplicas": .int(deployment.replicas.min),
            "maxReplicas": .int(deployment.replicas.max),
            "model": model,
        ]
        var annotations: [String: String] = [:]
        if let canaryRecord = canary, let canarySpec = deployment.canary {
            predictor["canaryTrafficPercent"] = .int(canarySpec.traffic)
            annotations[MooringMetadata.stableVersionAnnotation] = stable.version
            annotations[MooringMetadata.canaryVersionAnnotation] = canaryRecord.version
        }
        return [
            "apiVersion": "serving.kserve.io/v1beta1",
            "kind": "InferenceService",
            "metadata": metadata(name: deployment.name, version: served.version, extraAnnotations: annotations),
            "spec": ["predictor": predictor],
        ]
    }

    /// A Deployment per served version (`NAME`, `NAME-canary`) and a Service selecting both.
    private func deploymentObjects() -> [JSONValue] {
        let split = DeploymentSplit(
            replicas: deployment.replicas.min,
            canaryTraffic: deployment.canary?.traffic ?? 0
        )
        var objects = [workload(name: deployment.name, track: "stable", record: stable, replicas: split.stable)]
        if let canary {
            objects.append(
                workload(name: "\(deployment.name)-canary", track: "canary", record: canary, replicas: split.canary)
            )
        }
        objects.append(service())
        return objects
    }

    private func workload(name: String, track: String, record: ModelVersion, replicas: Int) -> JSONValue {
        // Selected by Mooring's own labels, so no other app's pods can match.
        let selector: JSONValue = [
            ObjectLabels.model: .string(deployment.name),
            MooringMetadata.trackLabel: .string(track),
        ]
        var podLabels = selector
        podLabels[MooringMetadata.appNameLabel] = .string(deployment.name)
        podLabels[ObjectLabels.managedBy] = .string(ObjectLabels.managedByValue)
        podLabels[ObjectLabels.version] = .string(record.version)
        var environment: [JSONValue] = [
            ["name": "MODEL_NAME", "value": .string(deployment.name)],
            ["name": "MODEL_VERSION", "value": .string(record.version)],
            ["name": "MODEL_URI", "value": .string(record.artifact.uri)],
        ]
        if let digest = record.artifact.digest {
            environment.append(["name": "MODEL_DIGEST", "value": .string(digest)])
        }
        if let format = deployment.format { environment.append(["name": "MODEL_FORMAT", "value": .string(format)]) }
        var container: JSONValue = [
            "name": "model-server",
            "image": .string(deployment.image ?? ""),
            "ports": [["name": "http", "containerPort": .int(Self.containerPort), "protocol": "TCP"]],
            "env": .array(environment),
        ]
        if let resources = deployment.resources { container["resources"] = resources }
        var labels = [MooringMetadata.appNameLabel: deployment.name]
        labels[MooringMetadata.trackLabel] = track
        return [
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": metadata(name: name, version: record.version, extraLabels: labels),
            "spec": [
                "replicas": .int(replicas),
                "selector": ["matchLabels": selector],
                "template": [
                    "metadata": ["labels": podLabels],
                    "spec": ["containers": [container]],
                ],
            ],
        ]
    }

    private func service() -> JSONValue {
        [
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": metadata(
                name: deployment.name,
                version: stable.version,
                extraLabels: [MooringMetadata.appNameLabel: deployment.name]
            ),
            "spec": [
                "selector": [ObjectLabels.model: .string(deployment.name)],
                "ports": [["name": "http", "port": .int(Self.servicePort), "targetPort": "http", "protocol": "TCP"]],
            ],
        ]
    }

    private func metadata(
        name: String,
        version: String,
        extraLabels: [String: String] = [:],
        extraAnnotations: [String: String] = [:]
    ) -> JSONValue {
        var labels = deployment.labels.merging(extraLabels) { _, ours in ours }
        labels[ObjectLabels.managedBy] = ObjectLabels.managedByValue
        labels[ObjectLabels.model] = deployment.name
        labels[ObjectLabels.version] = version
        var annotations = deployment.annotations.merging(extraAnnotations) { _, ours in ours }
        annotations[ObjectLabels.sourceFile] = sourceFile
        return [
            "name": .string(name),
            "namespace": .string(namespace),
            "labels": .object(labels.mapValues { .string($0) }),
            "annotations": .object(annotations.mapValues { .string($0) }),
        ]
    }
}
