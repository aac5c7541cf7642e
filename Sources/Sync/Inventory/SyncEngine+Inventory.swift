import Cluster
import MooringCore
import Reconciler

extension SyncEngine {
    /// What the cluster's inventory (``ClusterInventory``) said at the start of a target's sync.
    enum Ownership: Sendable {
        /// No `inventory.namespace`: `state.json` alone says what Mooring owns.
        case journalOnly
        /// The cluster holds none yet (the first sync since it was configured): the journal's is used, then written.
        case missing
        case found(ClusterInventory)
        /// It could not be read or understood: nothing is pruned, and it is not overwritten, until it can be.
        case unreadable(String)

        /// The identities the cluster lists, when it lists any.
        var listed: Set<ObjectIdentity>? {
            if case .found(let inventory) = self { return inventory.objects }
            return nil
        }

        /// Whether the inventory may be written (it is configured and was read, or is absent).
        var writable: Bool {
            switch self {
            case .missing, .found: true
            case .journalOnly, .unreadable: false
            }
        }
    }

    /// Reads the target's inventory from its cluster (one kubectl call, run beside the early live list).
    nonisolated static func readOwnership(
        of target: String,
        namespace: String?,
        reader: LiveReader
    ) async -> Ownership {
        guard let namespace else { return .journalOnly }
        let name = ClusterInventory.name(of: target)
        do {
            guard let object = try await reader.bookkeeping(name, in: namespace) else { return .missing }
            guard let inventory = ClusterInventory(configMap: object) else {
                return .unreadable("ConfigMap \(namespace)/\(name) does not hold an inventory Mooring can read")
            }
            return .found(inventory)
        } catch {
            return .unreadable("ConfigMap \(namespace)/\(name) cannot be read: \(error.message)")
        }
    }

    /// The journal's inventory made to agree with the cluster's: records of objects the cluster's inventory does
    /// not list are dropped (another host pruned them, or they were never this target's), so every host owns
    /// exactly what the cluster says. Returns the objects the cluster lists that this host has no record of.
    func adopt(_ ownership: Ownership, state: inout TargetState) -> Set<ObjectIdentity> {
        guard let listed = ownership.listed else { return [] }
        state.inventory.removeAll { !listed.contains($0.identity) }
        return listed.subtracting(state.inventory.map(\.identity))
    }

    /// Live objects the cluster's inventory lists, the journal has no record of and the desired state no longer
    /// has: prune candidates like those of the journal's inventory (the prune guard then decides).
    static func adoptedPruneCandidates(
        _ adopted: Set<ObjectIdentity>,
        desired: [Resource],
        live: [ObjectIdentity: JSONValue]
    ) -> [Resource] {
        let wanted = Set(desired.map(\.identity))
        return adopted.subtracting(wanted).sorted().compactMap { live[$0].map { Resource(object: $0) } }
    }
}
