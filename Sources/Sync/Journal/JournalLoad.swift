/// How reading `state.json` went.
public enum JournalLoad: Sendable, Equatable {
    /// No state yet: the first sync on this host.
    case fresh
    /// Read and checked.
    case intact(JournalState)
    /// Damaged or half-written; it was moved aside to `movedTo`. Mooring continues in safe mode:
    /// it applies, but prunes nothing, until a sync has rebuilt the inventory.
    case corrupt(reason: String, movedTo: String)

    /// The state to work from (empty unless intact).
    public var state: JournalState {
        if case .intact(let state) = self { return state }
        return JournalState()
    }

    /// Whether the inventory can be trusted to guard pruning.
    public var isTrusted: Bool {
        if case .corrupt = self { return false }
        return true
    }
}
