import MooringCore

/// One stored change, kept as the watch cache keeps it: the object after the change and before it.
struct WatchEvent: Sendable {
    /// `ADDED`, `MODIFIED` or `DELETED`, as the store saw it (a watch with a selector may see it otherwise).
    var type: String
    /// The object after the change; for a deletion, its last state with the deletion's resourceVersion.
    var object: JSONValue
    /// The object before the change; `nil` for a creation.
    var previous: JSONValue?
    var key: StoreKey
    var resourceVersion: Int
}
