import Cluster
import GitSource

extension SyncEngine {
    /// The desired-state stage (``DesiredStateStage``) for the run's target, with the engine's mirror, signature
    /// verdicts and journal trust, reading the scope of each kind from `cluster`; remembers what the polled commit says
    /// about itself for the reports.
    func desiredState(
        input: DesiredInput,
        cluster: ClusterClient,
        state: TargetState,
        run: inout TargetRun
    ) async -> DesiredOutcome {
        let target = run.target
        let stage = DesiredStateStage(
            target: target,
            policy: configuration.validationPolicy(for: target),
            mirror: mirror,
            signatures: signatureGate(),
            cluster: cluster,
            inventoryTrusted: inventoryTrusted
        )
        let (outcome, commitInfo) = await stage.run(input, state: state, run: &run)
        if let (commit, info) = commitInfo { memory[commit] = info }
        return outcome
    }
}
