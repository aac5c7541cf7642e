public import Manifests
public import MooringCore

/// Guardrails for one cluster, kept on the host so that a pull request cannot loosen them.
public struct PolicySettings: Sendable, Equatable {
    public var drift: DriftPolicy
    public var prune: Bool
    /// Most deletions in one sync; more is refused and alerted.
    public var pruneLimit: Int
    /// Kinds normally never pruned (Namespace, CustomResourceDefinition, PersistentVolumeClaim) that may be.
    public var allowPruneKinds: [String]
    /// `nil` allows every namespace.
    public var allowedNamespaces: [String]?
    /// `nil` allows every cluster-scoped kind.
    public var allowedClusterKinds: [String]?
    /// The namespace for namespaced objects that name none; `nil` makes that an error.
    public var defaultNamespace: String?
    /// Per metric name.
    public var gateFloors: [String: GateFloor]
    /// Whether every canary must carry `spec.analysis` with at least one check.
    public var requireCanaryAnalysis: Bool

    public init(
        drift: DriftPolicy = .heal,
        prune: Bool = true,
        pruneLimit: Int = 10,
        allowPruneKinds: [String] = [],
        allowedNamespaces: [String]? = nil,
        allowedClusterKinds: [String]? = nil,
        defaultNamespace: String? = nil,
        gateFloors: [String: GateFloor] = [:],
        requireCanaryAnalysis: Bool = false
    ) {
        self.drift = drift
        self.prune = prune
        self.pruneLimit = pruneLimit
        self.allowPruneKinds = allowPruneKinds
        self.allowedNamespaces = allowedNamespaces
        self.allowedClusterKinds = allowedClusterKinds
        self.defaultNamespace = defaultNamespace
        self.gateFloors = gateFloors
        self.requireCanaryAnalysis = requireCanaryAnalysis
    }
}

extension PolicySettings {
    static let keys: Set<String> = [
        "drift", "prune", "pruneLimit", "allowPruneKinds", "allowedNamespaces", "allowedClusterKinds",
        "defaultNamespace", "gateFloors", "requireCanaryAnalysis",
    ]

    init(reading reader: inout ConfigurationReader, at base: FieldPath) {
        let defaults = PolicySettings()
        _ = reader.object(base, allowed: Self.keys)
        var floors: [String: GateFloor] = [:]
        let floorsPath = base.appending("gateFloors")
        for metric in (reader.object(floorsPath, allowed: nil) ?? [:]).keys.sorted() {
            let metricPath = floorsPath.appending(metric)
            guard reader.object(metricPath, allowed: ["min", "max", "minDeltaVsStable", "direction"]) != nil else {
                reader.report(metricPath, "must be a mapping with min, max or minDeltaVsStable")
                continue
            }
            let floor = GateFloor(
                min: reader.number(metricPath.appending("min")),
                max: reader.number(metricPath.appending("max")),
                minDeltaVsStable: reader.number(metricPath.appending("minDeltaVsStable")),
                direction: reader.choice(metricPath.appending("direction"), as: Gate.Direction.self) ?? .higher
            )
            if floor.min == nil, floor.max == nil, floor.minDeltaVsStable == nil {
                reader.report(metricPath, "needs min, max or minDeltaVsStable")
            }
            floors[metric] = floor
        }
        self.init(
            drift: reader.choice(base.appending("drift"), as: DriftPolicy.self) ?? defaults.drift,
            prune: reader.bool(base.appending("prune")) ?? defaults.prune,
            pruneLimit: reader.integer(base.appending("pruneLimit"), minimum: 0) ?? defaults.pruneLimit,
            allowPruneKinds: reader.strings(base.appending("allowPruneKinds")) ?? defaults.allowPruneKinds,
            allowedNamespaces: reader.strings(base.appending("allowedNamespaces")),
            allowedClusterKinds: reader.strings(base.appending("allowedClusterKinds")),
            defaultNamespace: reader.requiredStringIfPresent(base.appending("defaultNamespace")),
            gateFloors: floors,
            requireCanaryAnalysis: reader.bool(base.appending("requireCanaryAnalysis"))
                ?? defaults.requireCanaryAnalysis
        )
    }
}
