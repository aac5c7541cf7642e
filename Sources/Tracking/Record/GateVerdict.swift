public import Manifests
public import MooringCore

/// Whether a newly recorded version could go live: the deploy folder validated with the record added and the
/// model's ModelDeployment naming the version as its canary (keeping its traffic, 10% when it has no canary),
/// or, when the version is already the stable one, as it is. The model's gates apply, canary-only gates
/// against the current stable, and so do the host's gate floors in the builder's policy.
public struct GateVerdict: Sendable {
    /// The gate problems of the version; empty when it passes.
    public var problems: [Diagnostic]
    /// The file of the model's ModelDeployment; `nil` when the folder has none.
    public var deploymentFile: String?
    /// The stable version the canary gates compared against, when the version was tried as a canary.
    public var stable: String?
    public var model: String
    public var version: String
    /// Whether the host's policy has gate floors.
    public var hostFloors: Bool

    public init(model: String, version: String, files: [SourceFile], record: SourceFile, builder: DesiredStateBuilder) {
        self.model = model
        self.version = version
        hostFloors = !builder.policy.gateFloors.isEmpty
        problems = []
        guard let (position, documents, index) = Self.deployment(named: model, in: files) else { return }
        deploymentFile = files[position].path
        var trial = documents
        let spec = trial[index]["spec"]
        let stable = spec?["stable"]?.stringValue
        if stable != version {
            self.stable = stable
            let traffic = spec?["canary"]?["traffic"] ?? .int(10)
            _ = trial[index].set(
                .object(["version": .string(version), "traffic": traffic]),
                at: FieldPath.root.appending("spec").appending("canary")
            )
        }
        var tried = files
        tried[position] = SourceFile(
            path: files[position].path,
            bytes: Array(trial.map { $0.serialized(pretty: true) }.joined(separator: "\n---\n").utf8)
        )
        let gateRules: Set<Diagnostic.Rule> = [.gateFailed, .gateMetricMissing, .artifactDigestMissing]
        let before = Set(
            builder.validate(files: files).report.diagnostics.filter { gateRules.contains($0.rule) }.map(\.message)
        )
        problems = builder.validate(files: tried + [record]).report.diagnostics.filter {
            gateRules.contains($0.rule) && !before.contains($0.message)
        }
    }

    /// Whether the version passes every gate that applies to it.
    public var passes: Bool { problems.isEmpty }

    /// A few lines for a person.
    public var summary: String {
        guard let deploymentFile else {
            return
                "gates: the deploy folder has no ModelDeployment \(model), so no gates apply to version \(version) yet"
        }
        let how = stable.map { " as a canary against stable \($0)" } ?? " as stable"
        let floors = hostFloors ? " and the host's gate floors" : ""
        guard passes else {
            return
                "gates: \(model) version \(version) could not go live: it fails the gates of \(deploymentFile)\(floors)\(how):\n"
                + problems.map { "  \($0.message)" }.joined(separator: "\n")
        }
        return
            "gates: \(model) version \(version) could go live: it passes the gates of \(deploymentFile)\(floors)\(how)"
    }

    /// The file holding the ModelDeployment `model`, its documents, and the document's position.
    private static func deployment(named model: String, in files: [SourceFile]) -> (Int, [JSONValue], Int)? {
        for (position, file) in files.enumerated() {
            let text = String(decoding: file.bytes, as: UTF8.self)
            guard text.contains("ModelDeployment"), let documents = try? YAMLReader.documents(in: text) else {
                continue
            }
            let values = documents.map(\.value)
            if let index = values.firstIndex(where: {
                $0["kind"]?.stringValue == "ModelDeployment" && $0["metadata"]?["name"]?.stringValue == model
            }) {
                return (position, values, index)
            }
        }
        return nil
    }
}
