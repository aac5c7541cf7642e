public import MooringCore

/// The Kubernetes objects one commit says should exist, and the models they serve.
public struct DesiredState: Hashable, Sendable {
    /// Every object to apply, plain manifests and rendered models alike, sorted by identity.
    /// Each carries Mooring's labels and `mooring.dev/source-file`; `mooring.dev/source-commit`
    /// is left to the Sync stage.
    public var resources: [Resource]
    /// The models, sorted by namespace and name.
    public var models: [ModelSummary]

    public init(resources: [Resource], models: [ModelSummary]) {
        self.resources = resources
        self.models = models
    }

    /// The drift policy a model sets for each of its objects; objects not listed follow the host policy.
    public var driftOverrides: [ObjectIdentity: DriftPolicy] {
        var overrides: [ObjectIdentity: DriftPolicy] = [:]
        for model in models {
            guard let drift = model.drift else { continue }
            for object in model.objects { overrides[object] = drift }
        }
        return overrides
    }
}
