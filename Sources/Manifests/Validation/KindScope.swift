/// Whether objects of a kind live in namespaces, as a cluster's discovery says (`kubectl api-resources`).
public struct KindScope: Hashable, Sendable {
    public var group: String
    public var kind: String
    public var namespaced: Bool

    public init(group: String, kind: String, namespaced: Bool) {
        self.group = group
        self.kind = kind
        self.namespaced = namespaced
    }
}
