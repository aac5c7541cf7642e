import Foundation
import Manifests
import MooringCore
import Testing
import Tracking

@Suite("records made from MLflow runs")
struct RecordDraftTests {
    /// A run as MLflow's REST API sends it.
    static let runJSON = """
        {"info": {"run_id": "abc123", "artifact_uri": "/srv/mlflow/1/abc123/artifacts"},
         "data": {"metrics": [{"key": "auc", "value": 0.91, "step": 3}, {"key": "loss/val", "value": 1e-05}],
                  "params": [{"key": "max_depth", "value": "6"}, {"key": "eta", "value": "0.1"},
                             {"key": "early_stopping", "value": "True"}, {"key": "on", "value": "007"},
                             {"key": "objective", "value": "binary:logistic"}],
                  "tags": [{"key": "mlflow.source.git.commit", "value": "c18e5f2d90"},
                           {"key": "mlflow.source.git.repoURL", "value": "https://git.example.com/ml/churn.git"}]},
         "inputs": {"dataset_inputs": [
            {"tags": [{"key": "mlflow.data.context", "value": "train"}],
             "dataset": {"name": "subscriptions", "digest": "0baa356f"}},
            {"tags": [{"key": "mlflow.data.context", "value": "eval"}],
             "dataset": {"name": "holdout", "digest": "\(String(repeating: "ab", count: 32))"}}]}}
        """

    static func draft(metrics: [String]? = nil) throws -> RecordDraft {
        let run = try JSONDecoder().decode(MLflowRun.self, from: Data(runJSON.utf8))
        let artifact = ResolvedArtifact(
            uri: "s3://models/churn/8",
            digest: "sha256:" + String(repeating: "0", count: 64),
            digestNote: ""
        )
        return try RecordBuilder(model: "churn-predictor", version: "8", metrics: metrics).build(
            run: run,
            artifact: artifact,
            registered: nil,
            trackingURI: "https://mlflow.example.com"
        )
    }

    @Test("the YAML validates in a deploy folder and reads back as the run's values")
    func yamlReadsBack() throws {
        let draft = try Self.draft()
        let file = SourceFile(path: "models/churn-predictor/versions/8.yaml", bytes: Array(draft.yaml.utf8))
        let report = DesiredStateBuilder().validate(files: [file]).report
        #expect(report.isValid, "\(report.diagnostics)")
        let spec = try #require(try YAMLReader.documents(in: draft.yaml).first?.value["spec"])
        #expect(spec["metrics"] == .object(["auc": .double(0.91), "loss/val": .double(1e-05)]))
        #expect(
            spec["hyperparameters"]
                == .object([
                    "max_depth": .int(6), "eta": .double(0.1), "early_stopping": .bool(true), "on": .string("007"),
                    "objective": .string("binary:logistic"),
                ])
        )
        #expect(spec["code"]?["commit"] == .string("c18e5f2d90"))
        #expect(
            spec["data"]
                == .array([
                    .object([
                        "role": "evaluation", "name": "holdout",
                        "digest": .string("sha256:" + String(repeating: "ab", count: 32)),
                    ]),
                    .object(["role": "training", "name": "subscriptions", "digest": "mlflow:0baa356f"]),
                ])
        )
        #expect(draft.annotations[RecordDraft.runAnnotation] == "abc123")
    }

    @Test("--metric keeps the metrics named, and a metric the run lacks is an error")
    func chosenMetrics() throws {
        #expect(try Self.draft(metrics: ["auc"]).record.metrics == ["auc": 0.91])
        #expect(throws: TrackingError.self) { try Self.draft(metrics: ["f1"]) }
    }

    @Test("every difference between a record and its run is reported, by path")
    func differences() throws {
        let draft = try Self.draft()
        let fromRun = try YAMLReader.documents(in: draft.yaml)[0].value
        var edited = fromRun
        _ = edited.set(.double(0.95), at: "spec.metrics.auc")
        _ = edited.set(nil, at: "spec.code")
        _ = edited.set(.string("8"), at: "spec.hyperparameters.max_depth")
        let differences = RecordDifference.between(record: edited, run: fromRun)
        #expect(
            differences.map(\.path.description) == [
                "spec.code", "spec.hyperparameters.max_depth", "spec.metrics.auc",
            ]
        )
        #expect(RecordDifference.between(record: fromRun, run: fromRun).isEmpty)
    }

    @Test("a tracking URI's credentials are taken as basic credentials and never shown")
    func trackingURI() throws {
        let server = try TrackingServer(uri: "https://alice:pw@mlflow.example.com/", environment: [:])
        #expect(server.displayURI == "https://mlflow.example.com")
        #expect(throws: TrackingError.self) { try TrackingServer(uri: nil, environment: [:]) }
        #expect(throws: TrackingError.self) { try TrackingServer(uri: "databricks", environment: [:]) }
    }
}

@Suite("a record without an artifact digest")
struct MissingDigestTests {
    @Test("says why, validates as a record, and keeps the version from serving under the gate rules")
    func missingDigest() throws {
        let run = try JSONDecoder().decode(MLflowRun.self, from: Data(RecordDraftTests.runJSON.utf8))
        let artifact = ResolvedArtifact(uri: "s3://models/churn/8", digest: nil, digestNote: "MLflow records no digest")
        let draft = try RecordBuilder(model: "churn-predictor", version: "8").build(
            run: run,
            artifact: artifact,
            registered: nil,
            trackingURI: "https://mlflow.example.com"
        )
        #expect(draft.yaml.contains("noDigest: \"MLflow records no digest\""))
        #expect(!draft.yaml.contains("    digest:"))
        let record = SourceFile(path: "models/churn-predictor/versions/8.yaml", bytes: Array(draft.yaml.utf8))
        #expect(DesiredStateBuilder().validate(files: [record]).report.isValid)
        let deployment = SourceFile(
            path: "models/churn-predictor/deployment.yaml",
            bytes: Array(
                """
                apiVersion: mooring.dev/v1
                kind: ModelDeployment
                metadata: {name: churn-predictor, namespace: ml}
                spec: {target: kserve, format: xgboost, stable: "8"}

                """.utf8
            )
        )
        let verdict = GateVerdict(
            model: "churn-predictor",
            version: "8",
            files: [deployment],
            record: record,
            builder: DesiredStateBuilder()
        )
        #expect(!verdict.passes)
        #expect(verdict.problems.map(\.rule) == [.artifactDigestMissing])
        #expect(verdict.summary.contains("could not go live") && verdict.summary.contains("MLflow records no digest"))
    }
}
