import ArgumentParser
import Foundation
import Manifests
import MooringCore
import Tracking

/// `mooring record MODEL VERSION --from-mlflow RUN_ID`: writes the ModelVersion record of a trained version
/// from the experiment tracker, checks it against the model's gates, or (`--check`) compares a record with
/// its run.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Write a ModelVersion record from an MLflow run, or check a record against its run.",
        discussion: """
            Reads the run through MLflow's REST API (--tracking-uri or MLFLOW_TRACKING_URI; \
            MLFLOW_TRACKING_TOKEN is sent as a bearer token) and writes \
            models/MODEL/versions/VERSION.yaml in the deploy folder, then says whether the version \
            passes the model's gates. An existing record is never overwritten. \
            Exit status: 0 written (whatever the gates say) or, with --check, the record matches the run; \
            1 a record exists, differs from the run (--check), or cannot be made; 2 usage or configuration error.
            """
    )

    @Argument(help: "The model (the ModelDeployment's name).")
    var model: String

    @Argument(help: "The version to record.")
    var version: String

    @Option(name: .customLong("from-mlflow"), help: ArgumentHelp("The MLflow run to record.", valueName: "run-id"))
    var runID: String?

    @Option(
        name: .customLong("from-mlflow-model"),
        help: ArgumentHelp("A registered model version to record; it names its run.", valueName: "name/version")
    )
    var registeredModel: String?

    @Option(
        name: .customLong("tracking-uri"),
        help: ArgumentHelp("The MLflow tracking server (default: MLFLOW_TRACKING_URI).", valueName: "url")
    )
    var trackingURI: String?

    @Option(name: .long, help: ArgumentHelp("The checkout of the deploy repository.", valueName: "dir"))
    var repo = "."

    @Option(name: .long, help: ArgumentHelp("The deploy folder in the checkout.", valueName: "path"))
    var path = "deploy-manifests"

    @Option(
        name: .customLong("metric"),
        help: ArgumentHelp("A metric to record (repeatable; default: every metric of the run).", valueName: "name")
    )
    var metrics: [String] = []

    @Option(
        name: .customLong("artifact-digest"),
        help: ArgumentHelp(
            "The artifact's digest, where MLflow records none and the artifact is not local.",
            valueName: "sha256:hex"
        )
    )
    var artifactDigest: String?

    @Flag(name: .long, help: "Compare the existing record with the run and report every difference.")
    var check = false

    @Option(
        name: .long,
        help: ArgumentHelp("A host configuration file, for its gate floors.", valueName: "file")
    )
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp("With several targets in --config: the one whose policy applies.", valueName: "name")
    )
    var target: String?

    func validate() throws {
        if runID != nil, registeredModel != nil {
            throw ValidationError("give --from-mlflow RUN_ID or --from-mlflow-model NAME/VERSION, not both")
        }
        if runID == nil, registeredModel == nil, !check {
            throw ValidationError("name the run: --from-mlflow RUN_ID or --from-mlflow-model NAME/VERSION")
        }
        if let registeredModel, registeredModel.split(separator: "/", omittingEmptySubsequences: false).count < 2 {
            throw ValidationError("--from-mlflow-model takes NAME/VERSION, such as fraud-detector/14")
        }
        if let artifactDigest, !artifactDigest.contains(":") {
            throw ValidationError("--artifact-digest takes a digest such as sha256:<hex>")
        }
    }

    /// `models/<model>/versions/<version>.yaml`, relative to the deploy folder.
    var recordPath: String { "models/\(model)/versions/\(version).yaml" }

    /// The deploy folder in the checkout.
    var folder: String { repo == "." ? path : (repo as NSString).appendingPathComponent(path) }

    func run() async throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandFailure.runtime("\(folder): no such folder (set --repo and --path)", code: 2)
        }
        if check {
            try await checkRecord()
        } else {
            try await writeRecord()
        }
    }

    /// Reads the run (of the registered version `registeredModel`, `NAME/VERSION`, when one is named) and makes
    /// the record.
    func draft(
        runID given: String?,
        registeredModel: String?,
        trackingURI uri: String?,
        metrics chosen: [String]?
    ) async throws -> RecordDraft {
        do {
            let server = try TrackingServer(uri: uri, environment: ProcessInfo.processInfo.environment)
            let client = MLflowClient(server: server)
            var registered: MLflowModelVersion?
            var runID = given
            if let registeredModel {
                let name = registeredModel.split(separator: "/").dropLast().joined(separator: "/")
                let number = String(registeredModel.split(separator: "/").last ?? "")
                let found = try await client.modelVersion(name: name, version: number)
                guard let named = found.runID, !named.isEmpty else {
                    throw TrackingError(.incomplete, "registered model \(name) version \(number) names no run")
                }
                registered = found
                runID = named
            }
            guard let runID else {
                throw TrackingError(.configuration, "no run to compare with: --from-mlflow RUN_ID")
            }
            let run = try await client.run(id: runID)
            var artifact = try await ArtifactResolver(client: client).resolve(run: run, registered: registered)
            if let artifactDigest {
                artifact.digest = artifactDigest
                artifact.digestNote = "given with --artifact-digest"
            }
            let builder = RecordBuilder(model: model, version: version, metrics: chosen)
            return try builder.build(
                run: run,
                artifact: artifact,
                registered: registered,
                trackingURI: server.displayURI
            )
        } catch let error as TrackingError {
            throw CommandFailure.runtime(error.message, code: error.code == .configuration ? 2 : 1)
        }
    }
}
