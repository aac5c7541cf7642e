import MooringCore

/// Objects the tests apply, labelled as Mooring labels what it manages.
enum Manifests {
    static let managed: JSONValue = ["app.kubernetes.io/managed-by": "mooring"]

    static func namespace(_ name: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name), "labels": managed]]
    }

    static func configMap(
        _ name: String,
        in namespace: String,
        data: JSONValue = ["k": "v"],
        labels: JSONValue = managed
    )
        -> JSONValue
    {
        [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": labels],
            "data": data,
        ]
    }

    static func deployment(
        _ name: String,
        in namespace: String,
        replicas: Int = 2,
        image: String? = "nginx:1.25"
    )
        -> JSONValue
    {
        var container: JSONValue = ["name": "app", "ports": [["containerPort": 80]]]
        if let image { container["image"] = .string(image) }
        return [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": managed],
            "spec": [
                "replicas": .int(replicas),
                "selector": ["matchLabels": ["app": .string(name)]],
                "template": [
                    "metadata": ["labels": ["app": .string(name)]],
                    "spec": ["containers": [container]],
                ],
            ],
        ]
    }

    static func service(_ name: String, in namespace: String, port: Int = 80) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Service",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": managed],
            "spec": ["selector": ["app": .string(name)], "ports": [["port": .int(port)]]],
        ]
    }

    static func inferenceService(_ name: String, in namespace: String) -> JSONValue {
        [
            "apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": managed],
            "spec": [
                "predictor": [
                    "model": ["modelFormat": ["name": "sklearn"], "storageUri": "s3://models/fraud/12/"]
                ]
            ],
        ]
    }

    static func secret(_ name: String, in namespace: String, value: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Secret",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": managed],
            "stringData": ["password": .string(value)],
        ]
    }
}
