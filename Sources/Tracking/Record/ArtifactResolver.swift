import Foundation

/// Finds the model a run logged (or a registered version was made from) and its digest.
///
/// The digest is, in order: a tag `mooring.artifact_digest` (`sha256:<hex>`) on the registered version,
/// the logged model or the run — a digest MLflow records; else the ``ArtifactDigest`` of a local or
/// `file://` artifact; else none, with the reason.
public struct ArtifactResolver: Sendable {
    /// The tag through which a training pipeline records the artifact's digest in MLflow.
    public static let digestTag = "mooring.artifact_digest"

    public var client: MLflowClient

    public init(client: MLflowClient) {
        self.client = client
    }

    /// The artifact of `run`, or of `registered` (a version of a registered model made from `run`).
    public func resolve(
        run: MLflowRun,
        registered: MLflowModelVersion?
    ) async throws(TrackingError)
        -> ResolvedArtifact
    {
        var tagged: [[String: String]] = []
        let uri: String
        if let registered {
            let source = registered.source ?? ""
            tagged.append(MLflowTag.dictionary(registered.tags))
            if let modelID = registered.modelID ?? Self.loggedModelID(in: source) {
                let model = try await client.loggedModel(id: modelID)
                tagged.append(MLflowTag.dictionary(model.info.tags))
                uri = try artifactURI(of: model)
            } else if source.hasPrefix("runs:/") {
                uri = try runArtifact(run, path: source.dropFirst("runs:/".count).split(separator: "/").dropFirst())
            } else if !source.isEmpty {
                uri = source
            } else {
                throw TrackingError(
                    .incomplete,
                    "registered model \(registered.name) version \(registered.version) names no source"
                )
            }
        } else {
            let modelIDs = Array(Set((run.outputs?.modelOutputs ?? []).map(\.modelID))).sorted()
            if modelIDs.count > 1 {
                throw TrackingError(
                    .incomplete,
                    "run \(run.info.runID) logged \(modelIDs.count) models (\(modelIDs.joined(separator: ", "))); register the one to record and use --from-mlflow-model NAME/VERSION"
                )
            }
            if let modelID = modelIDs.first {
                let model = try await client.loggedModel(id: modelID)
                tagged.append(MLflowTag.dictionary(model.info.tags))
                uri = try artifactURI(of: model)
            } else {
                uri = try historyArtifact(run)
            }
        }
        tagged.append(run.tags)
        return try digest(of: uri, tagged: tagged)
    }

    private func digest(of uri: String, tagged: [[String: String]]) throws(TrackingError) -> ResolvedArtifact {
        for tags in tagged {
            guard let recorded = tags[Self.digestTag] else { continue }
            guard DigestText.isDigest(recorded) else {
                throw TrackingError(
                    .incomplete,
                    "the tag \(Self.digestTag) is \"\(recorded)\", which is not a digest such as sha256:<hex>"
                )
            }
            return ResolvedArtifact(
                uri: uri,
                digest: recorded,
                digestNote: "recorded in MLflow (tag \(Self.digestTag))"
            )
        }
        guard let path = ArtifactDigest.localPath(of: uri) else {
            return ResolvedArtifact(
                uri: uri,
                digest: nil,
                digestNote:
                    "MLflow records no digest for \(uri) (tag \(Self.digestTag)) and it is not on a local file system"
            )
        }
        guard FileManager.default.fileExists(atPath: path) else {
            return ResolvedArtifact(
                uri: uri,
                digest: nil,
                digestNote:
                    "MLflow records no digest for \(uri) (tag \(Self.digestTag)) and it is not on this machine"
            )
        }
        return ResolvedArtifact(
            uri: uri,
            digest: try ArtifactDigest.compute(path: path),
            digestNote: "computed from the files at \(path)"
        )
    }

    private func artifactURI(of model: MLflowLoggedModel) throws(TrackingError) -> String {
        guard let uri = model.info.artifactURI, !uri.isEmpty else {
            throw TrackingError(.incomplete, "logged model \(model.info.modelID) has no artifact location")
        }
        return uri
    }

    /// MLflow 2: the model in the run's `mlflow.log-model.history` tag.
    private func historyArtifact(_ run: MLflowRun) throws(TrackingError) -> String {
        struct Entry: Decodable {
            var artifactPath: String
            enum CodingKeys: String, CodingKey { case artifactPath = "artifact_path" }
        }
        let history = run.tags["mlflow.log-model.history"].flatMap {
            try? JSONDecoder().decode([Entry].self, from: Data($0.utf8))
        }
        let paths = Array(Set((history ?? []).map(\.artifactPath))).sorted()
        guard paths.count == 1, let path = paths.first else {
            let what = paths.isEmpty ? "no model" : "\(paths.count) models (\(paths.joined(separator: ", ")))"
            throw TrackingError(
                .incomplete,
                "run \(run.info.runID) logged \(what); log one with mlflow.<flavor>.log_model, or register it and use --from-mlflow-model NAME/VERSION"
            )
        }
        return try runArtifact(run, path: path.split(separator: "/"))
    }

    /// `runs:/<run>/<path>` as a storage URI: the run's artifact root and the path.
    private func runArtifact(_ run: MLflowRun, path: some Sequence<Substring>) throws(TrackingError) -> String {
        guard let root = run.info.artifactURI, !root.isEmpty else {
            throw TrackingError(.incomplete, "run \(run.info.runID) has no artifact location")
        }
        let parts = [root.hasSuffix("/") ? String(root.dropLast()) : root] + path.map(String.init)
        return parts.joined(separator: "/")
    }

    /// `m-…` in `models:/m-…`: a registered version's logged model in MLflow 3.
    private static func loggedModelID(in source: String) -> String? {
        guard source.hasPrefix("models:/") else { return nil }
        let rest = source.dropFirst("models:/".count)
        guard rest.hasPrefix("m-"), !rest.contains("/") else { return nil }
        return String(rest)
    }
}
