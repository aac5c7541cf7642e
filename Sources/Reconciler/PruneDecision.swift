public import MooringCore

/// What a sync may delete, and what it must not with the reason: a blocked prune changes nothing
/// and raises `prune_blocked`.
public struct PruneDecision: Sendable, Equatable {
    /// Why objects are not pruned.
    public enum Reason: String, Sendable, Equatable, Codable {
        /// `policy.prune` is off.
        case disabled
        /// The desired set is empty: a commit that emptied the folder, or a wrong path.
        case emptyDesiredState
        /// Not every apply of this sync succeeded.
        case applyFailed
        /// The journal could not be trusted (missing or corrupt): safe mode applies but never prunes.
        case untrustedInventory
        /// More deletions than `policy.pruneLimit`.
        case overLimit
        /// A Namespace, CRD or PersistentVolumeClaim, which the host does not allow Mooring to prune.
        case protectedKind
    }

    /// Objects to delete, in prune order (reverse apply order).
    public var prune: [Resource]
    /// Objects left alone, each with its reason.
    public var blocked: [(resource: Resource, reason: Reason)]

    public init(prune: [Resource] = [], blocked: [(resource: Resource, reason: Reason)] = []) {
        self.prune = prune
        self.blocked = blocked
    }

    public static func == (lhs: PruneDecision, rhs: PruneDecision) -> Bool {
        lhs.prune == rhs.prune
            && lhs.blocked.map(\.resource) == rhs.blocked.map(\.resource)
            && lhs.blocked.map(\.reason) == rhs.blocked.map(\.reason)
    }
}
