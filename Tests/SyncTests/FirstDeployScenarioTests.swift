import Foundation
import KubeSim
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

@Suite("Scenario: the first deploy, and syncs that find nothing to do")
struct FirstDeployScenarioTests {
    typealias Example = ExampleDeployFolder

    @Test("the first deploy of the example folder creates every object with Mooring's labels and the commit")
    func firstDeploy() async throws {
        try await withSyncScenario { scenario in
            let commit = try await scenario.git { try $0.git("rev-parse", "HEAD") }
            let report = try await scenario.start().sync()

            #expect(report.target?.outcome == .applied, "\(report.allEvents)")
            #expect(Set(report.target?.applied ?? []) == Example.objects)
            #expect(report.events(.syncApplied).count == 1)
            for identity in Example.objects {
                let object = try #require(await scenario.live(identity), "\(identity) was not created")
                let resource = Resource(object: object)
                #expect(resource.labels[ObjectLabels.managedBy] == "mooring", "\(identity)")
                #expect(resource.annotations[ObjectLabels.sourceCommit] == commit, "\(identity)")
                #expect(resource.annotations[ObjectLabels.sourceFile] != nil, "\(identity)")
            }
            let fraud = Resource(object: try #require(await scenario.live(Example.fraudDetector)))
            #expect(fraud.labels[ObjectLabels.model] == "fraud-detector")
            #expect(fraud.labels[ObjectLabels.version] == "13")
            #expect(fraud.annotations[ObjectLabels.sourceFile] == "models/fraud-detector/deployment.yaml")
            let churn = Resource(object: try #require(await scenario.live(Example.churnDeployment)))
            #expect(churn.labels[ObjectLabels.version] == "7")

            let history = try scenario.journal.history().entries
            let entry = try #require(history.last)
            #expect(history.count == 1)
            #expect(entry.result == .applied)
            #expect(entry.commit == commit)
            #expect(entry.subject == "first deploy")
            #expect(Set(entry.created) == Set(Example.objects.map(\.description)))
            #expect(
                entry.models == [
                    HistoryEntry.ModelChange(
                        model: "churn-predictor",
                        namespace: "ml-prod",
                        from: nil,
                        to: ModelState(namespace: "ml-prod", stable: "7")
                    ),
                    HistoryEntry.ModelChange(
                        model: "fraud-detector",
                        namespace: "ml-prod",
                        from: nil,
                        to: ModelState(namespace: "ml-prod", stable: "12", canary: "13", canaryTraffic: 10)
                    ),
                ]
            )
            #expect(entry.textLines.contains("    fraud-detector (ml-prod): (new) → 12 + canary 13 (10%)"))

            let state = try scenario.journalState()
            #expect(state.lastAppliedCommit == commit)
            #expect(Set(state.inventory.map(\.identity)) == Example.objects)
        }
    }

    @Test("a sync with nothing changed makes no write call, dry-runs included; nor does the one after a heal")
    func quietCluster() async throws {
        try await withDeployedScenario { scenario, engine, _ in
            scenario.sim.resetRequests()
            let second = await engine.sync()
            #expect(second.target?.outcome == .inSync, "\(second.allEvents)")
            #expect(second.target?.applied == [])
            #expect(second.allEvents == [])
            #expect(scenario.writeCalls().map(\.path) == [])

            scenario.sim.resetRequests()
            let restarted = try await scenario.start().sync()
            #expect(restarted.target?.outcome == .inSync, "a restart finds nothing to do: \(restarted.allEvents)")
            #expect(scenario.writeCalls().map(\.path) == [])

            try await scenario.scaleChurnByHand()
            let healing = await engine.sync()
            #expect(healing.events(.driftHealed).count == 1, "\(healing.allEvents)")

            scenario.sim.resetRequests()
            let afterHeal = await engine.sync()
            #expect(afterHeal.target?.outcome == .inSync, "\(afterHeal.allEvents)")
            #expect(afterHeal.allEvents == [])
            #expect(scenario.writeCalls().map(\.path) == [])
        }
    }
}
