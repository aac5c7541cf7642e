public import MooringCore

/// One model as a commit deploys it: for the reconciler (drift policy), the journal (history of
/// versions) and metrics (`mooring_model_info`).
public struct ModelSummary: Hashable, Sendable, Codable {
    public var name: String
    public var namespace: String
    public var target: ServingTarget
    public var stable: String
    public var canary: ModelDeployment.Canary?
    /// The drift policy for this model's objects, when the model overrides the host's.
    public var drift: DriftPolicy?
    /// The objects rendered for the model, sorted.
    public var objects: [ObjectIdentity]
    /// The records of the served versions: stable first, then the canary.
    public var versions: [ModelVersion]
    /// Where the ModelDeployment is.
    public var source: SourceLocation
    /// The canary analysis the daemon runs (`spec.analysis`), if any.
    public var analysis: CanaryAnalysis?
    /// Checks on the stable version while it serves (`spec.monitors`).
    public var monitors: [MetricCheck]
    /// The metric bars the served versions cleared (`spec.gates`).
    public var gates: [Gate]

    public init(
        name: String,
        namespace: String,
        target: ServingTarget,
        stable: String,
        canary: ModelDeployment.Canary?,
        drift: DriftPolicy?,
        objects: [ObjectIdentity],
        versions: [ModelVersion],
        source: SourceLocation,
        analysis: CanaryAnalysis? = nil,
        monitors: [MetricCheck] = [],
        gates: [Gate] = []
    ) {
        self.name = name
        self.namespace = namespace
        self.target = target
        self.stable = stable
        self.canary = canary
        self.drift = drift
        self.objects = objects
        self.versions = versions
        self.source = source
        self.analysis = analysis
        self.monitors = monitors
        self.gates = gates
    }

    /// Reads a summary as the journal keeps it; one written before `gates` were kept has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            namespace: try container.decode(String.self, forKey: .namespace),
            target: try container.decode(ServingTarget.self, forKey: .target),
            stable: try container.decode(String.self, forKey: .stable),
            canary: try container.decodeIfPresent(ModelDeployment.Canary.self, forKey: .canary),
            drift: try container.decodeIfPresent(DriftPolicy.self, forKey: .drift),
            objects: try container.decode([ObjectIdentity].self, forKey: .objects),
            versions: try container.decode([ModelVersion].self, forKey: .versions),
            source: try container.decode(SourceLocation.self, forKey: .source),
            analysis: try container.decodeIfPresent(CanaryAnalysis.self, forKey: .analysis),
            monitors: try container.decode([MetricCheck].self, forKey: .monitors),
            gates: try container.decodeIfPresent([Gate].self, forKey: .gates) ?? []
        )
    }

    /// `ml-prod/fraud-detector`
    public var qualifiedName: String { "\(namespace)/\(name)" }
}
