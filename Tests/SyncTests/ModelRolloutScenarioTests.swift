import Foundation
import KubeSim
import MooringCore
import Sync
import TestSupport
import Testing

@Suite("Scenario: a new model version goes live")
struct ModelRolloutScenarioTests {
    typealias Example = ExampleDeployFolder

    /// The pull request of the scenarios: fraud-detector's canary 13 becomes stable, a new version 14 is the
    /// canary with 20% of the traffic.
    static func promote(_ scenario: SyncScenario, canaryAUC: Double) throws {
        try scenario.write("models/fraud-detector/versions/14.yaml", Example.fraudVersion("14", auc: canaryAUC))
        try scenario.edit("models/fraud-detector/deployment.yaml", replacing: #"stable: "12""#, with: #"stable: "13""#)
        try scenario.edit(
            "models/fraud-detector/deployment.yaml",
            replacing: #"version: "13""#,
            with: #"version: "14""#
        )
        try scenario.edit("models/fraud-detector/deployment.yaml", replacing: "traffic: 10", with: "traffic: 20")
    }

    @Test("a version bump rewrites only the model's object, serves the new artifact and records from → to")
    func versionBump() async throws {
        try await withDeployedScenario { scenario, engine, first in
            let firstCommit = try #require(first.commit)

            try Self.promote(scenario, canaryAUC: 0.941)
            let bump = try scenario.push("fraud-detector: 13 to stable, canary 14 at 20%")
            scenario.sim.resetRequests()
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
                untouched.annotations[ObjectLabels.sourceCommit] == firstCommit,
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

    @Test("a rollout that never becomes ready is reported degraded, naming the object, and the exit is a failure")
    func neverReady() async throws {
        var policy = HostPolicy()
        policy.healthTimeout = "2s"
        try await withDeployedScenario(policy) { scenario, engine, _ in
            await scenario.sim.neverReady(Example.fraudDetector)
            try Self.promote(scenario, canaryAUC: 0.941)
            try scenario.push("fraud-detector: canary 14")
            let report = await engine.sync()

            #expect(report.target?.outcome == .degraded, "\(report.allEvents)")
            #expect(report.isFailure)
            let degraded = try #require(report.events(.healthDegraded).first)
            #expect(degraded.message.contains(Example.fraudDetector.description))
            #expect(try scenario.journal.history().entries.last?.result == .degraded)
        }
    }
}
