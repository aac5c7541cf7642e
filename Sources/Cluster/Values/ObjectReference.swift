public import MooringCore

/// Enough to address one object through kubectl: `apiVersion`, `kind`, namespace and name.
///
/// ``MooringCore/ObjectIdentity`` leaves the version out; kubectl needs it to read objects from a file.
/// Get one from an object's JSON, or from an identity through ``APIResourceCatalog/reference(for:)``.
public struct ObjectReference: Hashable, Sendable, CustomStringConvertible {
    public var apiVersion: String
    public var kind: String
    /// `nil` for cluster-scoped objects.
    public var namespace: String?
    public var name: String

    public init(apiVersion: String, kind: String, namespace: String?, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// The reference of a Kubernetes object; `nil` when it lacks `apiVersion`, `kind` or `metadata.name`.
    public init?(object: JSONValue) {
        let resource = Resource(object: object)
        guard !resource.apiVersion.isEmpty, !resource.kind.isEmpty, !resource.name.isEmpty else { return nil }
        self.init(
            apiVersion: resource.apiVersion,
            kind: resource.kind,
            namespace: resource.namespace,
            name: resource.name
        )
    }

    public var identity: ObjectIdentity {
        ObjectIdentity(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name)
    }

    /// The smallest object kubectl accepts in a file to address this one.
    var stub: JSONValue {
        var metadata: JSONValue = ["name": .string(name)]
        if let namespace { metadata["namespace"] = .string(namespace) }
        return ["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": metadata]
    }

    public var description: String { identity.description }
}
