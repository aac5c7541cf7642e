import Foundation
import KubeSim
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

@Suite("Scenario: someone changes a model object by hand")
struct DriftScenarioTests {
    typealias Example = ExampleDeployFolder

    @Test("under drift: heal, manual changes are reported with field, values and manager, then undone")
    func healed() async throws {
        try await withDeployedScenario { scenario, engine, _ in
            try await scenario.scaleChurnByHand()
            try await scenario.cluster.kubectlOK([
                "patch", "-n", "ml-prod", "configmap/model-serving-config", "--type=merge",
                "-p", #"{"data":{"LOG_LEVEL":"debug"}}"#,
            ])
            let report = await engine.sync()

            #expect(report.target?.outcome == .applied, "\(report.allEvents)")
            #expect(report.events(.drift) == [])
            let healed = Dictionary(
                report.events(.driftHealed).map { ($0.fields["object"] ?? "", $0) },
                uniquingKeysWith: { first, _ in first }
            )
            #expect(healed.count == 2, "\(report.allEvents)")
            let scaled = try #require(healed[Example.churnDeployment.description])
            #expect(scaled.fields["fields"] == "spec.replicas")
            #expect(scaled.fields["desired"] == "3")
            #expect(scaled.fields["live"] == "5")
            #expect(scaled.fields["managers"] == "kubectl", "\(scaled)")
            let patched = try #require(healed[Example.servingConfig.description])
            #expect(patched.fields["fields"] == "data.LOG_LEVEL")
            #expect(patched.fields["desired"] == #""info""#)
            #expect(patched.fields["live"] == #""debug""#)
            #expect(patched.fields["managers"] == "kubectl-patch")
            #expect(try #require(await scenario.live(Example.churnDeployment))[path: "spec.replicas"] == 3)
            #expect(try #require(await scenario.live(Example.servingConfig))[path: "data.LOG_LEVEL"] == "info")

            let entry = try #require(try scenario.journal.history().entries.last)
            #expect(entry.drift.map(\.action) == ["heal", "heal"])
            #expect(Set(entry.drift.flatMap(\.managers)) == ["kubectl", "kubectl-patch"])
        }
    }

    @Test("an object deleted by hand is created again under drift: heal")
    func deletedByHand() async throws {
        try await withDeployedScenario { scenario, engine, _ in
            try await scenario.cluster.kubectlOK(["delete", "-n", "ml-prod", "service/churn-predictor"])
            let report = await engine.sync()

            let healed = try #require(report.events(.driftHealed).first, "\(report.allEvents)")
            #expect(healed.fields["object"] == Example.churnService.description)
            #expect(healed.fields["kind"] == "deleted")
            #expect(await scenario.live(Example.churnService) != nil)
            #expect(try scenario.journal.history().entries.last?.drift.first?.fields == ["(deleted)"])
        }
    }

    @Test("labels and annotations Mooring does not set are not drift, and cost no write")
    func foreignFields() async throws {
        try await withDeployedScenario { scenario, engine, _ in
            try await scenario.cluster.kubectlOK(["label", "-n", "ml-prod", "deployment/churn-predictor", "oncall=ml"])
            try await scenario.cluster.kubectlOK([
                "annotate", "-n", "ml-prod", "inferenceservice/fraud-detector", "example.com/reviewed=yes",
            ])
            scenario.sim.resetRequests()
            let report = await engine.sync()

            #expect(report.target?.outcome == .inSync, "\(report.allEvents)")
            #expect(report.allEvents == [])
            #expect(scenario.changes() == [])
            let churn = Resource(object: try #require(await scenario.live(Example.churnDeployment)))
            #expect(churn.labels["oncall"] == "ml")

            scenario.sim.resetRequests()
            let next = await engine.sync()
            #expect(next.target?.outcome == .inSync)
            #expect(scenario.writeCalls().map(\.path) == [], "checked once, then known clean")
        }
    }

    @Test("a model with spec.drift: alert keeps the manual change and is alerted once, again when it changes")
    func perModelAlert() async throws {
        try await withDeployedScenario { scenario, engine, _ in
            try await scenario.patchFraudByHand(minReplicas: 4)
            try await scenario.scaleChurnByHand()
            let report = await engine.sync()

            let alert = try #require(report.events(.drift).first, "\(report.allEvents)")
            #expect(report.events(.drift).count == 1)
            #expect(alert.fields["object"] == Example.fraudDetector.description)
            #expect(alert.fields["fields"] == "spec.predictor.minReplicas")
            #expect(alert.fields["desired"] == "2")
            #expect(alert.fields["live"] == "4")
            #expect(alert.fields["managers"] == "kubectl-patch")
            #expect(
                report.events(.driftHealed).map { $0.fields["object"] } == [Example.churnDeployment.description],
                "the host policy (heal) still applies to the other model"
            )
            #expect(try #require(await scenario.live(Example.fraudDetector))[path: "spec.predictor.minReplicas"] == 4)

            let unchanged = await engine.sync()
            #expect(unchanged.events(.drift) == [], "the same drift is not reported again")
            #expect(unchanged.target?.outcome == .drifted)
            #expect(try #require(await scenario.live(Example.fraudDetector))[path: "spec.predictor.minReplicas"] == 4)

            try await scenario.patchFraudByHand(minReplicas: 5)
            let changed = await engine.sync()
            #expect(changed.events(.drift).map { $0.fields["live"] } == ["5"], "\(changed.allEvents)")
            #expect(try #require(await scenario.live(Example.fraudDetector))[path: "spec.predictor.minReplicas"] == 5)
        }
    }

    @Test("under the host's drift: alert, a manual scale is reported and left in place")
    func hostAlert() async throws {
        var policy = HostPolicy()
        policy.drift = "alert"
        try await withDeployedScenario(policy) { scenario, engine, _ in
            try await scenario.scaleChurnByHand()
            let report = await engine.sync()

            #expect(report.target?.outcome == .drifted, "\(report.allEvents)")
            #expect(report.isFailure == false)
            #expect(report.events(.driftHealed) == [])
            let alert = try #require(report.events(.drift).first)
            #expect(alert.fields["object"] == Example.churnDeployment.description)
            #expect(alert.fields["fields"] == "spec.replicas")
            #expect(alert.fields["managers"] == "kubectl")
            #expect(try #require(await scenario.live(Example.churnDeployment))[path: "spec.replicas"] == 5)
            #expect(try scenario.journal.history().entries.last?.result == .drifted)

            let again = await engine.sync()
            #expect(again.events(.drift) == [])
            #expect(try #require(await scenario.live(Example.churnDeployment))[path: "spec.replicas"] == 5)
        }
    }
}
