/// A run as `GET /api/2.0/mlflow/runs/get` returns it. MLflow leaves out empty lists and unset fields, so
/// everything that may be absent is optional.
public struct MLflowRun: Decodable, Sendable {
    public struct Info: Decodable, Sendable {
        public var runID: String
        public var experimentID: String?
        public var artifactURI: String?
        public var status: String?

        enum CodingKeys: String, CodingKey {
            case runID = "run_id"
            case experimentID = "experiment_id"
            case artifactURI = "artifact_uri"
            case status
        }
    }

    /// A metric's latest value (MLflow keeps the value of the highest step, then the latest timestamp).
    public struct Metric: Decodable, Sendable {
        public var key: String
        public var value: Double
    }

    public struct Data: Decodable, Sendable {
        public var metrics: [Metric]?
        public var params: [MLflowTag]?
        public var tags: [MLflowTag]?
    }

    /// A data set the run used, and the tags of that use (`mlflow.data.context`).
    public struct DatasetInput: Decodable, Sendable {
        public struct Dataset: Decodable, Sendable {
            public var name: String
            public var digest: String
            public var source: String?
        }

        public var tags: [MLflowTag]?
        public var dataset: Dataset
    }

    public struct Inputs: Decodable, Sendable {
        public var datasetInputs: [DatasetInput]?

        enum CodingKeys: String, CodingKey {
            case datasetInputs = "dataset_inputs"
        }
    }

    /// MLflow 3: the models a run logged, by id.
    public struct Outputs: Decodable, Sendable {
        public struct ModelOutput: Decodable, Sendable {
            public var modelID: String

            enum CodingKeys: String, CodingKey {
                case modelID = "model_id"
            }
        }

        public var modelOutputs: [ModelOutput]?

        enum CodingKeys: String, CodingKey {
            case modelOutputs = "model_outputs"
        }
    }

    public var info: Info
    public var data: Data?
    public var inputs: Inputs?
    public var outputs: Outputs?

    /// The run's tags as a dictionary.
    public var tags: [String: String] { MLflowTag.dictionary(data?.tags) }
}
