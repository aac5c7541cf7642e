// Folder MooringCore: values shared by every stage; no I/O.
// Folder MooringCore/Kubernetes: objects, identities, labels, source locations, the drift policy.

/// One Kubernetes object as Mooring handles it: the object's JSON and, when it came from git, where.
public struct Resource: Hashable, Sendable {
    /// The whole object (`apiVersion`, `kind`, `metadata`, `spec`, …).
    public var object: JSONValue
    /// The manifest it was decoded or rendered from, if any.
    public var origin: SourceLocation?

    public init(object: JSONValue, origin: SourceLocation? = nil) {
        self.object = object
        self.origin = origin
    }

    public var apiVersion: String { object["apiVersion"]?.stringValue ?? "" }
    public var kind: String { object["kind"]?.stringValue ?? "" }
    public var name: String { object["metadata"]?["name"]?.stringValue ?? "" }

    /// The namespace, or `nil` when the object names none.
    public var namespace: String? {
        guard let namespace = object["metadata"]?["namespace"]?.stringValue, !namespace.isEmpty else { return nil }
        return namespace
    }

    public var identity: ObjectIdentity {
        ObjectIdentity(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name)
    }

    public var labels: [String: String] { stringMap(at: "labels") }
    public var annotations: [String: String] { stringMap(at: "annotations") }

    private func stringMap(at key: String) -> [String: String] {
        guard let members = object["metadata"]?[key]?.objectValue else { return [:] }
        return members.compactMapValues(\.stringValue)
    }
}
