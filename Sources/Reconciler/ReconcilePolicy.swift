public import MooringCore

/// The host policy as the reconciler needs it: drift handling per model and prune guardrails.
public struct ReconcilePolicy: Sendable, Equatable {
    /// Kinds never pruned unless the host allows them by name.
    public static let protectedKinds: Set<String> = ["Namespace", "CustomResourceDefinition", "PersistentVolumeClaim"]

    public var drift: DriftPolicy
    /// Overrides of `drift` per object (a ModelDeployment's `spec.drift` for the objects it renders).
    public var driftOverrides: [ObjectIdentity: DriftPolicy]
    public var prune: Bool
    public var pruneLimit: Int
    /// Protected kinds the host allows Mooring to prune after all.
    public var allowPruneKinds: Set<String>

    public init(
        drift: DriftPolicy = .heal,
        driftOverrides: [ObjectIdentity: DriftPolicy] = [:],
        prune: Bool = true,
        pruneLimit: Int = 10,
        allowPruneKinds: Set<String> = []
    ) {
        self.drift = drift
        self.driftOverrides = driftOverrides
        self.prune = prune
        self.pruneLimit = pruneLimit
        self.allowPruneKinds = allowPruneKinds
    }

    /// The drift policy for an object: its model's override, or the host default.
    public func driftPolicy(for identity: ObjectIdentity) -> DriftPolicy {
        driftOverrides[identity] ?? drift
    }
}
