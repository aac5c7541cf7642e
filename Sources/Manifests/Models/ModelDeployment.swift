// Folder Manifests/Models: ModelDeployment, ModelVersion, gates, canaries, analysis checks.

public import MooringCore

/// `kind: ModelDeployment` (`mooring.dev/v1`): which versions of a model serve, how, and under what gates.
public struct ModelDeployment: Hashable, Sendable {
    public var name: String
    /// `nil` until the host's default namespace (if any) is applied.
    public var namespace: String?
    public var labels: [String: String]
    public var annotations: [String: String]
    public var target: ServingTarget
    /// The model format (KServe's `modelFormat.name`): `sklearn`, `xgboost`, `onnx`…
    public var format: String?
    /// The KServe serving runtime; kserve only.
    public var runtime: String?
    /// The serving image; required for `target: deployment`, not used by kserve.
    public var image: String?
    /// The version that takes the traffic the canary does not.
    public var stable: String
    public var canary: Canary?
    public var replicas: Replicas
    /// Container resources (`limits`, `requests`), copied as they are.
    public var resources: JSONValue?
    public var gates: [Gate]
    /// Overrides the host's drift policy for this model's objects.
    public var drift: DriftPolicy?
    /// How the daemon judges the canary on live metrics (`spec.analysis`); also the schedule of `monitors`.
    public var analysis: CanaryAnalysis?
    /// Checks on the stable version for as long as it serves (`spec.monitors`).
    public var monitors: [MetricCheck]

    public init(
        name: String,
        namespace: String? = nil,
        labels: [String: String] = [:],
        annotations: [String: String] = [:],
        target: ServingTarget,
        format: String? = nil,
        runtime: String? = nil,
        image: String? = nil,
        stable: String,
        canary: Canary? = nil,
        replicas: Replicas = Replicas(),
        resources: JSONValue? = nil,
        gates: [Gate] = [],
        drift: DriftPolicy? = nil,
        analysis: CanaryAnalysis? = nil,
        monitors: [MetricCheck] = []
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.target = target
        self.format = format
        self.runtime = runtime
        self.image = image
        self.stable = stable
        self.canary = canary
        self.replicas = replicas
        self.resources = resources
        self.gates = gates
        self.drift = drift
        self.analysis = analysis
        self.monitors = monitors
    }

    /// The versions served: stable, then the canary if any.
    public var servedVersions: [String] { [stable] + (canary.map { [$0.version] } ?? []) }

    /// When and how strictly live checks run: `spec.analysis`, or the defaults when the model has none.
    public var checkSchedule: CanaryAnalysis { analysis ?? .defaults }
}
