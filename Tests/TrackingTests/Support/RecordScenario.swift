import Foundation
import TestSupport

/// A checkout with a copy of the example deploy folder, and `mooring record` run against it.
struct RecordScenario {
    let checkout: TemporaryDirectory
    let server: MLflowHarness

    init() async throws {
        server = try await MLflowHarness.shared.value
        checkout = try TemporaryDirectory(prefix: "mooring-record")
        let example = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("deploy-manifests")
        try FileManager.default.copyItem(at: example, to: checkout.url.appendingPathComponent("deploy-manifests"))
    }

    /// The deploy folder.
    var folder: String { checkout.path("deploy-manifests") }

    /// The path of a record in the deploy folder.
    func record(_ model: String, _ version: String) -> String { "\(folder)/models/\(model)/versions/\(version).yaml" }

    /// Runs `mooring ARGUMENTS` in the checkout, with no MLflow settings but `environment`.
    func mooring(_ arguments: [String], environment: [String: String] = [:]) async throws -> CommandResult {
        var settings = ["MLFLOW_TRACKING_URI": "", "MLFLOW_TRACKING_TOKEN": "", "NO_COLOR": "1"]
        settings.merge(environment) { _, given in given }
        return try await MooringBinary.run(arguments, in: checkout.url, environment: settings)
    }

    func remove() { checkout.remove() }
}
