import Cluster
import MooringCore
import Reconciler

extension SyncEngine {
    /// The apply stage of `run`'s target: each batch through the write gate, new CRDs waited for.
    func applyStage(for run: TargetRun, cluster: ClusterClient) -> ApplyStage {
        ApplyStage(gate: writeGate(for: run), health: healthStage(cluster: cluster))
    }

    /// Prunes as `decision` says, remembering in `state` which blocked prunes were reported.
    func prune(_ decision: PruneDecision, state: inout TargetState, run: inout TargetRun) async -> [ObjectIdentity] {
        let (pruned, reported) = await PruneStage(gate: writeGate(for: run))
            .run(decision, reported: state.reportedPruneBlock, run: &run)
        state.reportedPruneBlock = reported
        return pruned
    }
}
