public import MooringCore

/// A change to one of Mooring's objects seen by a watch (or by a re-list that found it changed).
public struct WatchChange: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
    }

    /// The collection whose watch saw it.
    public var collection: WatchKey
    public var identity: ObjectIdentity
    public var kind: Kind
    /// The object's resourceVersion after the change (for a deletion, the deletion's).
    public var resourceVersion: String
    /// When Mooring saw it.
    public var seenAt: ContinuousClock.Instant
}
