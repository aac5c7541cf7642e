/// Where an object is stored: its group and resource (any version), namespace and name.
struct StoreKey: Hashable, Sendable, Comparable {
    var group: String
    var plural: String
    var namespace: String?
    var name: String

    init(_ type: ResourceType, namespace: String?, name: String) {
        group = type.group
        plural = type.plural
        self.namespace = type.namespaced ? namespace : nil
        self.name = name
    }

    static func < (lhs: StoreKey, rhs: StoreKey) -> Bool {
        (lhs.group, lhs.plural, lhs.namespace ?? "", lhs.name) < (rhs.group, rhs.plural, rhs.namespace ?? "", rhs.name)
    }
}
