public import MooringCore

/// The resource types a cluster serves: resolves kinds to resources, versions and scope.
public struct APIResourceCatalog: Hashable, Sendable {
    public var resources: [APIResource]
    private var byGroupKind: [GroupKind: APIResource]

    public init(resources: [APIResource]) {
        self.resources = resources
        // The first entry per kind wins: discovery lists a group's preferred version first.
        byGroupKind = Dictionary(resources.map { ($0.groupKind, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The resource serving `kind` in `group`, if the cluster has one.
    public func resource(for groupKind: GroupKind) -> APIResource? { byGroupKind[groupKind] }

    /// Whether objects of `groupKind` are namespaced; `nil` when the cluster does not serve the kind.
    public func isNamespaced(_ groupKind: GroupKind) -> Bool? { byGroupKind[groupKind]?.namespaced }

    /// A full reference for `identity`, with the server's preferred version; `nil` for an unknown kind.
    public func reference(for identity: ObjectIdentity) -> ObjectReference? {
        guard let resource = resource(for: GroupKind(group: identity.group, kind: identity.kind)) else { return nil }
        return ObjectReference(
            apiVersion: resource.apiVersion,
            kind: identity.kind,
            namespace: resource.namespaced ? identity.namespace : nil,
            name: identity.name
        )
    }

    public static func == (lhs: APIResourceCatalog, rhs: APIResourceCatalog) -> Bool { lhs.resources == rhs.resources }
    public func hash(into hasher: inout Hasher) { hasher.combine(resources) }
}
