import Cluster

extension SyncEngine {
    /// What every write of `run`'s target passes first (``WriteGate``): its task not cancelled, its fence open.
    func writeGate(for run: TargetRun) -> WriteGate {
        WriteGate(options: configuration.kubectlOptions(for: run.target), logger: logger)
    }

    /// The inventory stage of `run`'s target.
    func inventoryStage(for run: TargetRun) -> InventoryStage {
        InventoryStage(namespace: configuration.inventory.namespace, gate: writeGate(for: run))
    }
}
