// Folder Tracking/Record: a run into a ModelVersion record, artifacts and digests.

import Manifests
import MooringCore

/// Turns an MLflow run into a ModelVersion record: metrics (the latest value of each), params as
/// hyperparameters, the artifact and its digest, the code (`mlflow.source.git.*` tags), the data set inputs,
/// and the run and tracking server as provenance.
public struct RecordBuilder: Sendable {
    public var model: String
    public var version: String
    /// The metrics to record; `nil` records every metric of the run.
    public var metrics: [String]?

    public init(model: String, version: String, metrics: [String]? = nil) {
        self.model = model
        self.version = version
        self.metrics = metrics
    }

    /// The record of `run`, whose model is `artifact`. Throws when the run lacks what the record needs.
    public func build(
        run: MLflowRun,
        artifact: ResolvedArtifact,
        registered: MLflowModelVersion?,
        trackingURI: String
    ) throws(TrackingError) -> RecordDraft {
        var notes: [String] = []
        if artifact.digest == nil {
            notes.append(
                "no artifact digest: \(artifact.digestNote); the record says so (spec.artifact.noDigest) and the version cannot serve until a record has one (record it on the run with the tag \(ArtifactResolver.digestTag), or pass --artifact-digest sha256:<hex>)"
            )
        }
        let tags = run.tags
        var code: ModelVersion.SourceCode?
        if let commit = tags["mlflow.source.git.commit"], let repo = tags["mlflow.source.git.repoURL"] {
            code = ModelVersion.SourceCode(repo: repo, commit: commit)
        } else {
            notes.append(
                "the run has no mlflow.source.git.commit and mlflow.source.git.repoURL tags: the record names no code"
            )
        }
        var annotations = [
            RecordDraft.runAnnotation: run.info.runID,
            RecordDraft.trackingAnnotation: trackingURI,
        ]
        if let registered { annotations[RecordDraft.registeredAnnotation] = "\(registered.name)/\(registered.version)" }
        let record = ModelVersion(
            name: "\(model)-\(version)",
            model: model,
            version: version,
            artifact: ModelVersion.Artifact(
                uri: artifact.uri,
                digest: artifact.digest,
                noDigest: artifact.digest == nil ? artifact.digestNote : nil
            ),
            code: code,
            data: try datasets(run),
            hyperparameters: Self.hyperparameters(run.data?.params ?? []),
            metrics: try chosenMetrics(run, notes: &notes)
        )
        return RecordDraft(record: record, annotations: annotations, notes: notes)
    }

    private func chosenMetrics(_ run: MLflowRun, notes: inout [String]) throws(TrackingError) -> [String: Double] {
        var latest: [String: Double] = [:]
        for metric in run.data?.metrics ?? [] { latest[metric.key] = metric.value }
        if let metrics {
            let missing = metrics.filter { latest[$0] == nil }
            guard missing.isEmpty else {
                throw TrackingError(
                    .incomplete,
                    "run \(run.info.runID) has no metric \(missing.joined(separator: ", ")) (it has: \(latest.keys.sorted().joined(separator: ", ")))"
                )
            }
            latest = latest.filter { metrics.contains($0.key) }
        }
        for (name, value) in latest where !value.isFinite {
            notes.append("metric \(name) is \(value), which a record cannot hold: left out")
            latest[name] = nil
        }
        return latest
    }

    /// The run's data set inputs, in role then name order. The role is the input's `mlflow.data.context` tag
    /// (`train` read as `training`, `eval` as `evaluation`), `input` when it has none.
    private func datasets(_ run: MLflowRun) throws(TrackingError) -> [ModelVersion.Dataset] {
        var found: [ModelVersion.Dataset] = []
        for input in run.inputs?.datasetInputs ?? [] {
            let context = MLflowTag.dictionary(input.tags)["mlflow.data.context"]?.lowercased() ?? "input"
            let role = ["train": "training", "eval": "evaluation"][context] ?? context
            guard let digest = DigestText.dataset(input.dataset.digest) else {
                throw TrackingError(
                    .incomplete,
                    "data set \(input.dataset.name) of run \(run.info.runID) has the digest \"\(input.dataset.digest)\", which is not a hex digest"
                )
            }
            found.append(ModelVersion.Dataset(role: role, name: input.dataset.name, digest: digest))
        }
        return Array(Set(found)).sorted { ($0.role, $0.name, $0.digest) < ($1.role, $1.name, $1.digest) }
    }

    /// MLflow keeps params as text; a record keeps numbers and booleans as such, where the text is exactly
    /// how they print (`6`, `0.05`, `true`/`True`), and everything else as text.
    static func hyperparameters(_ params: [MLflowTag]) -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for param in params { values[param.key] = hyperparameter(param.value) }
        return values
    }

    static func hyperparameter(_ text: String) -> JSONValue {
        switch text {
        case "true", "True": return .bool(true)
        case "false", "False": return .bool(false)
        default: break
        }
        if let number = Int(text), String(number) == text { return .int(number) }
        if let number = Double(text), number.isFinite, text.contains("."), "\(number)" == text {
            return .double(number)
        }
        return .string(text)
    }
}
