import MooringCore

/// What one target's pipeline reads of the journal: the target's state, whether its inventory can guard pruning,
/// and how Secret values are kept at rest. A sync takes them from the engine's journal (repaired when damaged); a
/// preview from a read that repairs nothing and creates no seal.
struct TargetJournal: Sendable {
    var state: TargetState
    /// Whether the journal's inventory can guard pruning (false after a corrupt state file was set aside).
    var inventoryTrusted: Bool
    var seal: SecretSeal?

    /// `object` as the journal keeps it at rest (Secret values sealed): what change detection compares.
    func atRest(_ object: JSONValue) -> JSONValue {
        seal?.sealed(object) ?? object
    }
}
