/// A kind of object in an API group, without a version: what Mooring manages and lists.
public struct GroupKind: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The API group; empty for the core group.
    public var group: String
    public var kind: String

    public init(group: String, kind: String) {
        self.group = group
        self.kind = kind
    }

    /// `Deployment.apps`, or `Service` for the core group: how kubectl names a type unambiguously.
    public var description: String { group.isEmpty ? kind : "\(kind).\(group)" }

    public static func < (lhs: GroupKind, rhs: GroupKind) -> Bool { (lhs.group, lhs.kind) < (rhs.group, rhs.kind) }
}
