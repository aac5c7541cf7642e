import MooringCore

/// What the cluster's inventory lists at each point of a sync's writes: a pure rule.
enum InventoryListing {
    /// Before anything is applied: what the target owns (the journal's inventory and the objects adopted from the
    /// cluster's) and everything about to be applied, so that whichever host leads next can prune what this sync
    /// creates even if it stops half-way.
    static func beforeApply(
        owned: [ObjectIdentity],
        adopted: Set<ObjectIdentity>,
        applying: [ObjectIdentity]
    ) -> Set<ObjectIdentity> {
        Set(owned).union(adopted).union(applying)
    }

    /// Once the sync is recorded: the journal's inventory, and the adopted objects not pruned that are still
    /// desired or still live.
    static func afterSync(
        owned: [ObjectIdentity],
        adopted: Set<ObjectIdentity>,
        pruned: [ObjectIdentity],
        desired: [ObjectIdentity],
        stillLive: Set<ObjectIdentity>
    ) -> Set<ObjectIdentity> {
        let desired = Set(desired)
        let kept = adopted.filter { !pruned.contains($0) && (desired.contains($0) || stillLive.contains($0)) }
        return Set(owned).union(kept)
    }
}
