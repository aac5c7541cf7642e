import Cluster
import MooringCore

/// A list of Mooring's objects taken while a new commit is read and rendered (``LiveStateStage/listEarly(_:)``).
struct EarlyList: Sendable {
    /// The kinds listed.
    let kinds: Set<GroupKind>
    /// The objects, or why the list failed (the sync then lists after rendering, as without it).
    let objects: Result<[JSONValue], ClusterError>
}
