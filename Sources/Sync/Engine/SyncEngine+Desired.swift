import Cluster
import GitSource

extension SyncEngine {
    /// The desired-state stage (``DesiredStateStage``) for `target`, with the engine's mirror, signature verdicts and
    /// journal trust; remembers what the polled commit says about itself for the reports.
    func desiredState(
        for target: TargetSettings,
        input: DesiredInput,
        state: TargetState,
        run: inout TargetRun
    ) async -> DesiredOutcome {
        let stage = DesiredStateStage(
            target: target,
            policy: configuration.validationPolicy(for: target),
            mirror: mirror,
            signatures: signatureGate(),
            cluster: ClusterClient(options: configuration.kubectlOptions(for: target), logger: logger),
            inventoryTrusted: inventoryTrusted
        )
        let (outcome, commitInfo) = await stage.run(input, state: state, run: &run)
        if let (commit, info) = commitInfo { memory[commit] = info }
        return outcome
    }
}
