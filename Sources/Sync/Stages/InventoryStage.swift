import Cluster
import MooringCore

/// The inventory stage: keeps the cluster's inventory (``ClusterInventory``) listing what the target owns, written
/// like any other write, through the ``WriteGate``.
struct InventoryStage {
    /// `inventory.namespace`; `nil` when `state.json` alone says what Mooring owns.
    var namespace: String?
    var gate: WriteGate

    /// Writes the inventory when `objects` differs from what `ownership` lists. Returns the ownership once it holds
    /// `objects` (`ownership` itself when nothing needed writing), or `nil` when the write failed: a `sync_failed`
    /// event.
    func write(
        _ objects: Set<ObjectIdentity>,
        over ownership: SyncEngine.Ownership,
        run: inout TargetRun
    ) async -> SyncEngine.Ownership? {
        guard ownership.writable, let namespace else { return ownership }
        guard ownership.listed != objects else { return ownership }
        guard let writer = gate.client(&run) else { return nil }
        let target = run.target.name
        let inventory = ClusterInventory(objects: objects)
        let failure: String?
        do {
            let outcome = try await writer.apply([inventory.object(target: target, namespace: namespace)], force: true)
            failure = outcome.results.first { !$0.applied }.map { $0.error?.message ?? "refused" }
        } catch {
            failure = error.message
        }
        guard let failure else { return .found(inventory) }
        run.raise(
            SyncEvent(
                .syncFailed,
                .error,
                "the inventory ConfigMap \(namespace)/\(ClusterInventory.name(of: target)) could not be written: "
                    + "\(failure) (does the namespace exist? inventory.namespace names it)"
            )
        )
        return nil
    }
}
