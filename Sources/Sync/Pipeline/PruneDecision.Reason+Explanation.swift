import Reconciler

extension PruneDecision.Reason {
    /// Why the prune guard keeps an object, for a person.
    var explanation: String {
        switch self {
        case .disabled: "pruning is off in the host policy"
        case .emptyDesiredState: "the desired state is empty: a commit that empties the folder, or a wrong path?"
        case .applyFailed: "an apply of this sync failed"
        case .untrustedInventory: "safe mode: the journal was damaged"
        case .overLimit: "more deletions than policy.pruneLimit allows"
        case .protectedKind: "a protected kind; allow it with policy.allowPruneKinds"
        }
    }
}
