import Cluster
import MooringCore
import Reconciler

/// The live-state stage: the live objects carrying Mooring's label, of every kind the desired state, the inventory
/// and the objects the cluster's inventory lists have — from the target's live cache where it is in sync, with
/// kubectl for the rest.
struct LiveStateStage: Sendable {
    var reader: LiveReader

    /// The live objects by identity. `early` is a list started before the desired state was known (see
    /// ``listEarly(_:)``): only the kinds it did not cover are read now, so a sync whose commit adds no kind makes
    /// one kubectl call in all (none when the live cache has every kind in sync). Kinds the cluster does not serve
    /// yet (a CRD this sync creates) are left out after one discovery.
    func run(
        desired: [Resource],
        inventory: [AppliedRecord],
        owned: Set<ObjectIdentity>,
        early: EarlyList?
    ) async throws(ClusterError) -> [ObjectIdentity: JSONValue] {
        let all = LiveRules.kinds(of: desired.map(\.identity) + inventory.map(\.identity) + owned)
        var (kinds, objects) = LiveRules.remaining(all, early: early)
        let settled = LiveRules.settled(inventory, desired: desired)
        do {
            objects += try await reader.managedObjects(of: kinds, settled: settled)
        } catch  where error.code == .unknownKind {
            let catalog = try await reader.cluster.discover()
            kinds = kinds.filter { catalog.resource(for: $0) != nil }
            objects += try await reader.managedObjects(of: kinds, settled: settled)
        }
        return LiveRules.byIdentity(objects)
    }

    /// Reads Mooring's objects of the kinds in `inventory`: almost every commit keeps the kinds it had, so this is
    /// the live state the plan needs, read on one core while rendering runs on the other. With a live cache, only the
    /// kinds it does not have in sync are listed here (the rest are read from it after rendering, when the settled
    /// objects are known). `nil` when there is no inventory to take the kinds from (a first sync lists after
    /// rendering).
    func listEarly(_ inventory: [AppliedRecord]) async -> EarlyList? {
        guard !inventory.isEmpty else { return nil }
        let kinds = LiveRules.kinds(of: inventory.map(\.identity))
        do throws(ClusterError) {
            let (listed, objects) = try await reader.earlyList(of: kinds)
            return EarlyList(kinds: Set(listed), objects: .success(objects))
        } catch {
            return EarlyList(kinds: Set(kinds), objects: .failure(error))
        }
    }
}
