public import MooringCore

/// `kind: ModelVersion` (`mooring.dev/v1`): the immutable record of one trained version — what an audit
/// needs to trace a served model back to its artifact, data, code and evaluation.
public struct ModelVersion: Hashable, Sendable, Codable {
    /// The record's `metadata.name`.
    public var name: String
    /// The ModelDeployment this is a version of.
    public var model: String
    public var version: String
    public var artifact: Artifact
    public var code: SourceCode?
    public var data: [Dataset]
    public var hyperparameters: [String: JSONValue]
    public var metrics: [String: Double]

    public init(
        name: String,
        model: String,
        version: String,
        artifact: Artifact,
        code: SourceCode? = nil,
        data: [Dataset] = [],
        hyperparameters: [String: JSONValue] = [:],
        metrics: [String: Double] = [:]
    ) {
        self.name = name
        self.model = model
        self.version = version
        self.artifact = artifact
        self.code = code
        self.data = data
        self.hyperparameters = hyperparameters
        self.metrics = metrics
    }
}
