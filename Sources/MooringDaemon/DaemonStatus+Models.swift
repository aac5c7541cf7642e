import Manifests

extension DaemonStatus {
    /// A model a target serves, as `/status` shows it, and as its last applied commit rendered it (`nil` when the
    /// journal does not hold that yet); `nil` when the target serves no such model.
    func servedModel(
        target: String,
        namespace: String,
        name: String
    ) -> (model: StatusDocument.Model, summary: ModelSummary?)? {
        guard let status = document().targets.first(where: { $0.name == target }),
            let model = status.models.first(where: { $0.namespace == namespace && $0.name == name })
        else { return nil }
        return (model, renderedModels[target]?["\(namespace)/\(name)"])
    }
}

extension DaemonStatus {
    /// What the last recorded sync of `target` reports serving — the rendered models of its last applied commit
    /// (``judgedModels``) and that commit — for the live guardrails; `nil` until a sync's report carries them all.
    func serving(on target: String) -> (models: [ModelSummary], lastAppliedCommit: String?)? {
        guard let models = judgedModels[target] else { return nil }
        return (models, targets.first { $0.name == target }?.lastAppliedCommit)
    }
}
