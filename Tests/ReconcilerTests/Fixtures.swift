import Manifests
import MooringCore
import Reconciler

/// Small builders for the objects the reconciler tests reason about.
enum Fixtures {
    static func deployment(
        _ name: String,
        replicas: Int = 2,
        image: String = "server:1",
        model: String? = nil
    ) -> Resource {
        var labels: JSONValue = ["app.kubernetes.io/managed-by": "mooring"]
        if let model { labels["mooring.dev/model"] = .string(model) }
        return Resource(object: [
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": ["name": .string(name), "namespace": "ml-prod", "labels": labels],
            "spec": [
                "replicas": .int(replicas),
                "template": ["spec": ["containers": [["name": "server", "image": .string(image)]]]],
            ],
        ])
    }

    static func namespace(_ name: String) -> Resource {
        Resource(object: [
            "apiVersion": "v1", "kind": "Namespace",
            "metadata": ["name": .string(name), "labels": ["app.kubernetes.io/managed-by": "mooring"]],
        ])
    }

    static func configMap(_ name: String) -> Resource {
        Resource(object: [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": [
                "name": .string(name), "namespace": "ml-prod", "labels": ["app.kubernetes.io/managed-by": "mooring"],
            ],
            "data": ["key": "value"],
        ])
    }

    /// The object as the server returns it: server metadata, defaults and status added.
    static func live(_ resource: Resource, resourceVersion: String, managers: [JSONValue] = []) -> JSONValue {
        var object = resource.object
        object.set(.string(resourceVersion), at: "metadata.resourceVersion")
        object.set("0b0c-uid", at: "metadata.uid")
        object.set(3, at: "metadata.generation")
        object.set("2026-12-01T00:00:00Z", at: "metadata.creationTimestamp")
        object.set(.array(managers), at: "metadata.managedFields")
        object.set(["replicas": 2, "readyReplicas": 2], at: "status")
        return object
    }

    static func record(_ resource: Resource, commit: String, verified: String?) -> AppliedRecord {
        var applied = resource.object
        applied.set(
            .string(commit),
            at: FieldPath([.key("metadata"), .key("annotations"), .key(ObjectLabels.sourceCommit)])
        )
        return AppliedRecord(
            identity: resource.identity,
            apiVersion: resource.apiVersion,
            applied: applied,
            sourceCommit: commit,
            verifiedResourceVersion: verified
        )
    }
}
