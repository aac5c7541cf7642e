public import MooringCore
import Reconciler

extension SyncEngine {
    /// Whether changes a live cache saw call for a sync of `target`: some object of its inventory among `changed` is
    /// gone (`live` has no version for it) or at a version its journal record was not verified at. Changes the
    /// journal explains — Mooring's own applies and prunes, recorded by the sync that made them — and changes to
    /// objects that are not Mooring's call for none.
    public func needsSync(_ target: String, changed: Set<ObjectIdentity>, live: [ObjectIdentity: String]) -> Bool {
        guard let inventory = state?[target].inventory else { return !changed.isEmpty }
        return inventory.contains { record in
            changed.contains(record.identity) && !record.isVerified(at: live[record.identity])
        }
    }
}
