/// A registered model version as `GET /api/2.0/mlflow/model-versions/get` returns it.
public struct MLflowModelVersion: Decodable, Sendable {
    public var name: String
    public var version: String
    /// Where the version's files came from: a storage URI, `runs:/<run>/<path>`, or (MLflow 3)
    /// `models:/<model id>`.
    public var source: String?
    public var runID: String?
    /// MLflow 3: the logged model the version was registered from.
    public var modelID: String?
    public var tags: [MLflowTag]?

    enum CodingKeys: String, CodingKey {
        case name, version, source, tags
        case runID = "run_id"
        case modelID = "model_id"
    }
}
