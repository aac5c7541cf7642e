import Foundation
import GitSource
import KubeSim
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

@Suite("Scenario: a new model version goes live")
struct ModelRolloutScenarioTests {
    typealias Example = ExampleDeployFolder

    @Test("a version bump rewrites only the model's object, serves the new artifact and records from → to")
    func versionBump() async throws {
        try await withDeployedScenario { scenario, engine, first in

            try scenario.promoteFraudCanary(newCanaryAUC: 0.941)
            let bump = try await scenario.push("fraud-detector: 13 to stable, canary 14 at 20%")
            scenario.sim.resetRequests()
            let preview = try await scenario.mooring("sync", "--dry-run")
            #expect(preview.status == 0, "\(preview.stderr)")
            #expect(preview.stdout.contains("  apply  \(Example.fraudDetector)\n"), "\(preview.stdout)")
            #expect(!preview.stdout.contains(Example.churnDeployment.description), "\(preview.stdout)")
            #expect(scenario.changes() == [], "a dry run changes nothing")
            #expect(try scenario.journalState().lastAppliedCommit == first.commit?.hex)

            let report = await engine.sync()

            #expect(report.target?.outcome == .applied, "\(report.allEvents)")
            #expect(report.target?.applied == [Example.fraudDetector])
            #expect(scenario.changes() == ["PATCH \(Example.fraudDetector.apiPath)"])
            let served = Resource(object: try #require(await scenario.live(Example.fraudDetector)))
            #expect(served.labels[ObjectLabels.version] == "14")
            #expect(served.object[path: "spec.predictor.model.storageUri"] == "s3://acme-models/fraud-detector/14/")
            #expect(served.object[path: "spec.predictor.canaryTrafficPercent"] == 20)
            #expect(served.annotations["mooring.dev/stable-version"] == "13")
            #expect(served.annotations[ObjectLabels.sourceCommit] == bump)
            let untouched = Resource(object: try #require(await scenario.live(Example.churnDeployment)))
            #expect(
                untouched.annotations[ObjectLabels.sourceCommit] == first.commit?.hex,
                "unchanged objects keep their commit"
            )

            let entry = try #require(try scenario.journal.history().entries.last)
            #expect(entry.commit == bump)
            #expect(entry.updated == [Example.fraudDetector.description])
            #expect(entry.created == [])
            #expect(
                entry.models == [
                    HistoryEntry.ModelChange(
                        model: "fraud-detector",
                        namespace: "ml-prod",
                        from: ModelState(namespace: "ml-prod", stable: "12", canary: "13", canaryTraffic: 10),
                        to: ModelState(namespace: "ml-prod", stable: "13", canary: "14", canaryTraffic: 20)
                    )
                ]
            )
            #expect(
                entry.textLines.contains("    fraud-detector (ml-prod): 12 + canary 13 (10%) → 13 + canary 14 (20%)")
            )
        }
    }

    @Test("a canary on a Deployment target gets its own Deployment; promoting it prunes that Deployment")
    func deploymentCanary() async throws {
        try await withDeployedScenario { scenario, engine, _ in
            let record = try scenario.read("models/churn-predictor/versions/7.yaml")
                .replacingOccurrences(of: "churn-predictor-7", with: "churn-predictor-8")
                .replacingOccurrences(of: #"version: "7""#, with: #"version: "8""#)
                .replacingOccurrences(of: "/v7/", with: "/v8/")
            try scenario.write("models/churn-predictor/versions/8.yaml", record)
            try scenario.edit(
                "models/churn-predictor/deployment.yaml",
                replacing: #"stable: "7""#,
                with: "stable: \"7\"\n  canary: {version: \"8\", traffic: 34}"
            )
            try await scenario.push("churn-predictor: canary 8")
            let canaryReport = await engine.sync()

            #expect(canaryReport.target?.outcome == .applied, "\(canaryReport.allEvents)")
            let canary = Resource(object: try #require(await scenario.live(Self.churnCanary)))
            #expect(canary.labels[ObjectLabels.version] == "8")
            #expect(canary.object[path: "spec.replicas"] == 1)
            #expect(Self.modelURI(of: canary) == "gs://acme-ml-artifacts/churn-predictor/v8/model.bst")
            #expect(try #require(await scenario.live(Example.churnDeployment))[path: "spec.replicas"] == 2)

            try scenario.edit(
                "models/churn-predictor/deployment.yaml",
                replacing: #"stable: "7""#,
                with: #"stable: "8""#
            )
            try scenario.edit(
                "models/churn-predictor/deployment.yaml",
                replacing: "\n  canary: {version: \"8\", traffic: 34}",
                with: ""
            )
            let promotion = try await scenario.push("churn-predictor: 8 is stable")
            let promoted = await engine.sync()

            #expect(promoted.target?.outcome == .applied, "\(promoted.allEvents)")
            #expect(promoted.target?.pruned == [Self.churnCanary])
            #expect(await scenario.live(Self.churnCanary) == nil)
            let stable = Resource(object: try #require(await scenario.live(Example.churnDeployment)))
            #expect(stable.labels[ObjectLabels.version] == "8")
            #expect(stable.object[path: "spec.replicas"] == 3)
            #expect(Self.modelURI(of: stable) == "gs://acme-ml-artifacts/churn-predictor/v8/model.bst")
            let entry = try #require(try scenario.journal.history().entries.last)
            #expect(entry.commit == promotion)
            #expect(entry.models.map(\.model) == ["churn-predictor"])
            #expect(entry.textLines.contains("    churn-predictor (ml-prod): 7 + canary 8 (34%) → 8"))
        }
    }

    static let churnCanary = ObjectIdentity(
        group: "apps",
        kind: "Deployment",
        namespace: "ml-prod",
        name: "churn-predictor-canary"
    )

    /// The `MODEL_URI` a Deployment's model server loads.
    static func modelURI(of deployment: Resource) -> String? {
        let environment = deployment.object[path: "spec.template.spec.containers"]?.arrayValue?.first?["env"]
        return environment?.arrayValue?.first { $0["name"] == "MODEL_URI" }?["value"]?.stringValue
    }

    @Test("a rollout that never becomes ready is reported degraded, naming the object, and the exit is a failure")
    func neverReady() async throws {
        var policy = HostPolicy()
        policy.healthTimeout = "2s"
        try await withDeployedScenario(policy) { scenario, engine, _ in
            await scenario.sim.neverReady(Example.fraudDetector)
            try scenario.promoteFraudCanary(newCanaryAUC: 0.941)
            try await scenario.push("fraud-detector: canary 14")
            let report = await engine.sync()

            #expect(report.target?.outcome == .degraded, "\(report.allEvents)")
            #expect(report.isFailure)
            let degraded = try #require(report.events(.healthDegraded).first)
            #expect(degraded.message.contains(Example.fraudDetector.description))
            #expect(try scenario.journal.history().entries.last?.result == .degraded)
        }
    }
}
