import Foundation
import KubeSim
import Manifests
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

/// A canary its analysis aborted, as every way of running the pipeline meets it: the hold is written to the analysis
/// ConfigMap here as the daemon's guardrails write it, so no Prometheus is needed.
@Suite("Scenario: an aborted canary held out of traffic")
struct CanaryHoldScenarioTests {
    typealias Example = ExampleDeployFolder

    /// fraud-detector's canary 13 (10% of traffic) judged by an analysis, the inventory and the holds kept in
    /// `mooring-system`; `body` gets the engine that applied that commit.
    private func withAnalysedCanary(_ body: (SyncScenario, SyncEngine) async throws -> Void) async throws {
        try await withDeployedScenario { scenario, _, _ in
            try await scenario.createNamespace("mooring-system")
            let configuration = try String(contentsOfFile: scenario.configurationPath, encoding: .utf8)
            try (configuration + "inventory: {namespace: mooring-system}\n")
                .write(toFile: scenario.configurationPath, atomically: true, encoding: .utf8)
            let path = "models/fraud-detector/deployment.yaml"
            try scenario.write(
                path,
                try scenario.read(path)
                    + """
                      analysis:
                        interval: 1s
                        checks:
                          - name: error-rate
                            query: prediction_error_ratio{model="{{model}}",version="{{version}}"}
                            max: 0.02

                    """
            )
            try await scenario.push("fraud-detector: canary analysis")
            let engine = try scenario.start()
            let applied = await engine.sync()
            try #require(applied.target?.outcome == .inSync, "an analysis adds no object: \(applied.allEvents)")
            try await body(scenario, engine)
        }
    }

    /// Holds fraud-detector's canary as an abort by its analysis does: listed in the analysis ConfigMap, with the
    /// ModelDeployment's fingerprint as the last applied commit rendered it.
    private func abortCanary(_ scenario: SyncScenario) async throws {
        let model = try #require(try scenario.journalState().renderedModels?.first { $0.name == "fraud-detector" })
        let hold = CanaryHold(
            namespace: model.namespace,
            model: model.name,
            version: try #require(model.canary?.version),
            fingerprint: model.guardrailFingerprint
        )
        let configMap = AnalysisConfigMap.object(
            target: "default",
            namespace: "mooring-system",
            holds: [hold],
            state: ""
        )
        try await scenario.cluster.kubectlOK(["apply", "--server-side", "-f", "-"], input: configMap.serialized())
    }

    private func canaryTraffic(_ scenario: SyncScenario) async -> JSONValue? {
        await scenario.live(Example.fraudDetector)?[path: "spec.predictor.canaryTrafficPercent"]
    }

    @Test("mooring diff of a commit whose canary is held shows no change for it: the preview holds it as a sync does")
    func previewHolds() async throws {
        try await withAnalysedCanary { scenario, engine in
            try await abortCanary(scenario)
            let held = await engine.sync()
            #expect(held.target?.outcome == .applied, "\(held.allEvents)")
            #expect(await canaryTraffic(scenario) == 0)

            scenario.sim.resetRequests()
            let previews = try await engine.preview(.trackedBranch)
            #expect(previews.first?.objects.map(\.identity) == [], "\(previews)")
            #expect(scenario.writeCalls().isEmpty, "the held canary is unchanged: not even a dry-run is asked for")

            let diff = try await scenario.mooring("diff")
            #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
            #expect(diff.stdout.contains("no changes: the cluster matches"), "\(diff.stdout)")
        }
    }

    @Test("a commit waiting out its backoff does not delay the sync that takes a newly aborted canary out of traffic")
    func holdSkipsBackoff() async throws {
        try await withAnalysedCanary { scenario, engine in
            try scenario.setChurnReplicas(4)
            try await scenario.push("churn-predictor on 4 replicas")
            let churnApply = KubeSimFaults.Match(method: "PATCH", pathContains: "/deployments/churn-predictor")
            scenario.sim.faults.failNext(1, status: 500, matching: churnApply)
            let failed = await engine.sync()
            #expect(failed.target?.outcome == .failed, "\(failed.allEvents)")
            let waiting = await engine.sync()
            #expect(waiting.target?.outcome == .waiting, "the failed commit backs off")
            #expect(await canaryTraffic(scenario) == 10)

            try await abortCanary(scenario)
            let held = await engine.sync()
            #expect(held.target?.outcome == .applied, "\(held.allEvents)")
            #expect(await canaryTraffic(scenario) == 0, "the aborted canary left traffic without waiting")
            #expect(await scenario.live(Example.churnDeployment)?[path: "spec.replicas"] == 4)
        }
    }
}
