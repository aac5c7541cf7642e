import Manifests

extension ModelState {
    /// The serving versions of each rendered model, by model name, as the journal records them.
    static func serving(_ models: [ModelSummary]) -> [String: ModelState] {
        Dictionary(
            models.map { model in
                let state = ModelState(
                    namespace: model.namespace,
                    stable: model.stable,
                    canary: model.canary?.version,
                    canaryTraffic: model.canary?.traffic
                )
                return (model.name, state)
            },
            uniquingKeysWith: { first, _ in first }
        )
    }
}
