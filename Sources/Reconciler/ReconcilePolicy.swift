import MooringCore

/// The host policy as the reconciler needs it: drift handling per model and prune guardrails.
public struct ReconcilePolicy: Sendable, Equatable {
    /// Kinds never pruned unless the host allows them by name.
    public static let protectedKinds: Set<String> = ["Namespace", "CustomResourceDefinition", "PersistentVolumeClaim"]

    public var drift: DriftMode
    /// Overrides of `drift` by model name (from a ModelDeployment's `spec.drift`).
    public var modelDrift: [String: DriftMode]
    public var prune: Bool
    public var pruneLimit: Int
    /// Protected kinds the host allows Mooring to prune after all.
    public var allowPruneKinds: Set<String>

    public init(
        drift: DriftMode = .heal,
        modelDrift: [String: DriftMode] = [:],
        prune: Bool = true,
        pruneLimit: Int = 10,
        allowPruneKinds: Set<String> = []
    ) {
        self.drift = drift
        self.modelDrift = modelDrift
        self.prune = prune
        self.pruneLimit = pruneLimit
        self.allowPruneKinds = allowPruneKinds
    }

    /// The drift mode for an object: its model's override, or the host default.
    public func driftMode(for labels: [String: String]) -> DriftMode {
        labels[ObjectLabels.model].flatMap { modelDrift[$0] } ?? drift
    }
}
