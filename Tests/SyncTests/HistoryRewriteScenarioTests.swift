import Foundation
import GitSource
import KubeSim
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

@Suite("Scenario: the branch is force-pushed")
struct HistoryRewriteScenarioTests {
    typealias Example = ExampleDeployFolder

    @Test("a force-push applies the new tip and raises history_rewritten")
    func forcePush() async throws {
        try await withDeployedScenario { scenario, engine, _ in
            try scenario.setChurnReplicas(4)
            let abandoned = try await scenario.push("churn-predictor: 4 replicas")
            let applied = await engine.sync()
            try #require(applied.target?.outcome == .applied, "\(applied.allEvents)")

            try await scenario.git { try $0.git("reset", "--quiet", "--hard", "HEAD~1") }
            try scenario.setChurnReplicas(2)
            let rewritten = try await scenario.git { repository in
                let commit = try repository.commit("churn-predictor: 2 replicas")
                try repository.push(force: true)
                return commit
            }
            let report = await engine.sync()

            let event = try #require(report.events(.historyRewritten).first, "\(report.allEvents)")
            #expect(event.fields["previous"] == abandoned)
            #expect(event.fields["commit"] == rewritten)
            #expect(report.target?.outcome == .applied)
            #expect(report.target?.commit?.hex == rewritten)
            let churn = Resource(object: try #require(await scenario.live(Example.churnDeployment)))
            #expect(churn.object[path: "spec.replicas"] == 2)
            #expect(churn.annotations[ObjectLabels.sourceCommit] == rewritten)
            let state = try scenario.journalState()
            #expect(state.lastAppliedCommit == rewritten)

            let next = await engine.sync()
            #expect(next.events(.historyRewritten) == [], "reported once")
        }
    }
}
