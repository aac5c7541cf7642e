import Foundation
import GitSource
import KubeSim
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

@Suite("Scenario: a commit Mooring refuses")
struct RefusedCommitScenarioTests {
    typealias Example = ExampleDeployFolder

    @Test("a version failing its gate is refused: nothing applied, the old version serves, alerted once; exit 1")
    func gateFailure() async throws {
        try await withSyncScenario { scenario in
            let first = try await scenario.mooring("sync")
            try #require(first.status == 0, "\(first.stderr)")

            try scenario.promoteFraudCanary(newCanaryAUC: 0.85)
            let refusedCommit = try await scenario.push("fraud-detector: canary 14 (worse)")
            scenario.sim.resetRequests()
            let refused = try await scenario.mooring("sync")

            #expect(refused.status == 1)
            #expect(scenario.changes() == [], "a refused commit writes nothing")
            #expect(refused.stderr.contains("[gate_failed]"), "\(refused.stderr)")
            #expect(refused.stderr.contains("fraud-detector version 14 fails gate auc ≥ 0.9"), "\(refused.stderr)")
            #expect(refused.stderr.components(separatedBy: "[validation_failed]").count == 2, "\(refused.stderr)")
            #expect(refused.stderr.contains("models/fraud-detector/deployment.yaml:"), "\(refused.stderr)")
            #expect(refused.stdout.contains("default: refused"), "\(refused.stdout)")
            let served = Resource(object: try #require(await scenario.live(Example.fraudDetector)))
            #expect(served.labels[ObjectLabels.version] == "13", "the cluster keeps serving the old version")
            #expect(served.object[path: "spec.predictor.model.storageUri"] == "s3://acme-models/fraud-detector/13/")

            let again = try await scenario.mooring("sync")
            #expect(again.status == 1, "the commit is still refused")
            #expect(!again.stderr.contains("[gate_failed]"), "\(again.stderr)")
            #expect(!again.stderr.contains("[validation_failed]"), "\(again.stderr)")
            #expect(scenario.changes() == [])

            let history = try scenario.journal.history().entries
            #expect(history.filter { $0.result == .refused }.map(\.commit) == [refusedCommit])
            let shown = try await scenario.mooring("history")
            #expect(shown.status == 0)
            #expect(shown.stdout.contains("fraud-detector (ml-prod): (new) → 12 + canary 13 (10%)"), "\(shown.stdout)")
            #expect(shown.stdout.contains("\(refusedCommit.prefix(12))  refused"), "\(shown.stdout)")
        }
    }

    @Test("a version record changed after it went live is refused; the next good commit applies")
    func rewrittenRecord() async throws {
        try await withDeployedScenario { scenario, engine, _ in
            try scenario.edit("models/fraud-detector/versions/13.yaml", replacing: "auc: 0.937", with: "auc: 0.951")
            try await scenario.push("fraud-detector 13: better numbers")
            let report = await engine.sync()

            #expect(report.target?.outcome == .refused, "\(report.allEvents)")
            let refusal = try #require(report.events(.validationFailed).first)
            #expect(refusal.message.contains("models/fraud-detector/versions/13.yaml"), "\(refusal.message)")

            try scenario.edit("models/fraud-detector/versions/13.yaml", replacing: "auc: 0.951", with: "auc: 0.937")
            try scenario.setChurnReplicas(4)
            let fixed = try await scenario.push("restore record 13; churn on 4 replicas")
            let next = await engine.sync()
            #expect(next.target?.outcome == .applied, "\(next.allEvents)")
            #expect(next.target?.commit?.hex == fixed)
            #expect(try #require(await scenario.live(Example.churnDeployment))[path: "spec.replicas"] == 4)
            #expect(try scenario.journalState().refusedCommit == nil)
        }
    }

    @Test("a host policy tightened after a deploy refuses the deployed commit on restart and writes nothing")
    func tightenedHostPolicy() async throws {
        try await withDeployedScenario { scenario, _, _ in
            var policy = HostPolicy()
            policy.allowedNamespaces = ["ml-staging"]
            try scenario.configure(policy)
            scenario.sim.resetRequests()
            let report = try await scenario.start().sync()

            #expect(report.target?.outcome == .refused, "\(report.allEvents)")
            let refusal = try #require(report.events(.validationFailed).first)
            #expect(refusal.message.contains("ml-prod"), "\(refusal.message)")
            #expect(scenario.writeCalls().isEmpty)
        }
    }

    @Test("a commit with broken YAML applies nothing, not even its valid changes, and names the file and line")
    func brokenYAML() async throws {
        try await withDeployedScenario { scenario, engine, _ in
            try scenario.setChurnReplicas(4)
            try scenario.write(
                "cluster/limits.yaml",
                """
                apiVersion: v1
                kind: LimitRange
                metadata:
                  name: defaults
                  namespace: ml-prod: defaults
                spec:
                  limits: [{type: Container, default: {cpu: "1"}}]

                """
            )
            try await scenario.push("limits (broken)")
            scenario.sim.resetRequests()
            let report = await engine.sync()

            #expect(report.target?.outcome == .refused)
            #expect(scenario.changes() == [])
            let refusal = try #require(report.events(.validationFailed).first)
            #expect(refusal.message.contains("cluster/limits.yaml:5"), "\(refusal.message)")
            let churn = try #require(await scenario.live(Example.churnDeployment))
            #expect(churn[path: "spec.replicas"] == 3, "the valid part of a refused commit is not applied either")
        }
    }
}
