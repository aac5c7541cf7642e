/// One resource type the API server serves, as discovery reports it.
public struct APIResource: Hashable, Sendable {
    /// The plural resource name (`deployments`).
    public var name: String
    public var shortNames: [String]
    /// The API group; empty for the core group.
    public var group: String
    /// The version the server prefers for this group (`v1`).
    public var version: String
    public var kind: String
    /// Whether objects of this type live in a namespace.
    public var namespaced: Bool
    /// `get`, `list`, `patch`, … — what the server allows on this type.
    public var verbs: [String]
    public var categories: [String]

    public init(
        name: String,
        shortNames: [String] = [],
        group: String,
        version: String,
        kind: String,
        namespaced: Bool,
        verbs: [String] = [],
        categories: [String] = []
    ) {
        self.name = name
        self.shortNames = shortNames
        self.group = group
        self.version = version
        self.kind = kind
        self.namespaced = namespaced
        self.verbs = verbs
        self.categories = categories
    }

    /// `apps/v1`, or `v1` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    public var groupKind: GroupKind { GroupKind(group: group, kind: kind) }

    /// `deployments.apps`: the resource as kubectl accepts it on the command line, unambiguously.
    public var qualifiedName: String { group.isEmpty ? name : "\(name).\(group)" }
}
