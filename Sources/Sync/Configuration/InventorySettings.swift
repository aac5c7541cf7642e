import MooringCore

/// Where Mooring keeps, in each target's cluster, the list of objects it owns (one ConfigMap per target,
/// `mooring-inventory-<target>`): every host then agrees on what Mooring created, and a new leader prunes what an
/// earlier one applied. `nil` namespace: the inventory is kept in `state.json` only (one host).
public struct InventorySettings: Sendable, Equatable {
    /// The namespace of the inventory ConfigMaps; with leader election it defaults to the Lease's.
    public var namespace: String?

    public init(namespace: String? = nil) {
        self.namespace = namespace
    }
}

extension InventorySettings {
    init(reading reader: inout ConfigurationReader, leaderElection: LeaderElectionSettings) {
        _ = reader.object("inventory", allowed: ["namespace"])
        let namespace = reader.requiredStringIfPresent("inventory.namespace")
        self.init(namespace: namespace ?? (leaderElection.enabled ? leaderElection.namespace : nil))
    }
}
