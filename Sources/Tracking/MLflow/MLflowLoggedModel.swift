/// An MLflow 3 logged model as `GET /api/2.0/mlflow/logged-models/<id>` returns it.
public struct MLflowLoggedModel: Decodable, Sendable {
    public struct Info: Decodable, Sendable {
        public var modelID: String
        public var name: String?
        public var artifactURI: String?
        public var tags: [MLflowTag]?

        enum CodingKeys: String, CodingKey {
            case modelID = "model_id"
            case name, tags
            case artifactURI = "artifact_uri"
        }
    }

    public var info: Info
}
