import Foundation
import MooringCore
import TestSupport
import Testing

/// `mooring run` with a real Prometheus: each scenario starts daemons that call kubectl every second and query
/// Prometheus every second, so they run one at a time.
@Suite("Scenario: live guardrails against a real Prometheus", .serialized, .enabled(if: PrometheusServer.isInstalled))
struct GuardrailScenarioTests {
    static let fraudErrors = #"prediction_error_ratio{model="fraud-detector",version="13"}"#
    static let churnErrors = #"prediction_error_ratio{model="churn-predictor",version="8"}"#
    static let driftScore = #"input_psi{model="fraud-detector",version="12"}"#

    /// `spec.analysis` with one error-rate check, as YAML appended to a ModelDeployment.
    static func analysis(failureLimit: Int = 2, minDuration: String = "1h") -> String {
        """
          analysis:
            interval: 1s
            failureLimit: \(failureLimit)
            minDuration: \(minDuration)
            checks:
              - name: error-rate
                query: prediction_error_ratio{model="{{model}}",version="{{version}}"}
                max: 0.02

        """
    }

    /// A canary 8 of churn-predictor (target: deployment, 3 replicas: 1 canary, 2 stable) with `analysis`.
    static func churnCanary(_ scenario: GuardrailScenario, analysis: String) throws {
        let record = try String(
            contentsOfFile: scenario.repository.work.appendingPathComponent(
                "\(GuardrailScenario.folder)/models/churn-predictor/versions/7.yaml"
            ).path,
            encoding: .utf8
        )
        try scenario.write(
            "models/churn-predictor/versions/8.yaml",
            record.replacingOccurrences(of: "churn-predictor-7", with: "churn-predictor-8")
                .replacingOccurrences(of: #"version: "7""#, with: #"version: "8""#)
        )
        try scenario.append(
            "models/churn-predictor/deployment.yaml",
            "  canary: {version: \"8\", traffic: 34}\n" + analysis
        )
    }

    @Test(
        "a canary failing failureLimit runs in a row is aborted: out of traffic (KServe and deployment), canary_aborted, a history line, held against syncs until git changes"
    )
    func abort() async throws {
        try await withGuardrailScenario { scenario in
            try scenario.append("models/fraud-detector/deployment.yaml", Self.analysis())
            try Self.churnCanary(scenario, analysis: Self.analysis())
        } _: { scenario in
            scenario.exporter.set(Self.fraudErrors, 0.001)
            scenario.exporter.set(Self.churnErrors, 0.001)
            try await scenario.prometheus.waitForSeries(Self.fraudErrors)
            try await scenario.withDaemon("host") { daemon in
                try await waitUntil("the analysis runs", timeout: .seconds(120)) {
                    await daemon.model("fraud-detector")?["analysis"]?["checks"]?.arrayValue?.first?["result"] == "pass"
                }
                #expect(
                    try await scenario.live("inferenceservice", "fraud-detector")["spec"]?["predictor"]?[
                        "canaryTrafficPercent"
                    ] == 10
                )
                #expect(try await scenario.live("deployment", "churn-predictor-canary")["spec"]?["replicas"] == 1)

                scenario.exporter.set(Self.fraudErrors, 0.031)
                scenario.exporter.set(Self.churnErrors, 0.5)
                try await daemon.waitForEvent("canary_aborted", count: 2)
                let events = daemon.events("canary_aborted")
                let fraud = try #require(events.first { $0["model"] == "fraud-detector" })
                #expect(fraud["check"] == "error-rate")
                #expect(fraud["value"] == "0.031")
                #expect(fraud["bound"] == "max 0.02")
                #expect(fraud["message"]?.stringValue?.contains("error-rate measured 0.031, above max 0.02") == true)

                try await waitUntil("the canaries are out of traffic", timeout: .seconds(120)) {
                    let service = try await scenario.live("inferenceservice", "fraud-detector")
                    let canary = try await scenario.live("deployment", "churn-predictor-canary")
                    return service["spec"]?["predictor"]?["canaryTrafficPercent"] == 0
                        && canary["spec"]?["replicas"] == 0
                }
                #expect(try await scenario.live("deployment", "churn-predictor")["spec"]?["replicas"] == 3)
                let status = try #require(await daemon.model("fraud-detector")?["analysis"])
                #expect(status["state"] == "aborted")
                #expect(status["reason"]?.stringValue?.contains("above max 0.02") == true)
                let (started, aborted) = (
                    status["startedAt"]?.stringValue ?? "", status["lastRunAt"]?.stringValue ?? ""
                )
                #expect(started < aborted, "the abort came runs after the analysis started: \(started), \(aborted)")

                // /status shows what serves: the held canaries at 0%, aborted, as the cluster and the history do.
                try await waitUntil("/status shows the canaries out of traffic", timeout: .seconds(120)) {
                    let fraud = await daemon.model("fraud-detector")
                    let churn = await daemon.model("churn-predictor")
                    return fraud?["canaryTraffic"] == 0 && fraud?["canaryAborted"] == true
                        && churn?["canaryTraffic"] == 0 && churn?["canaryAborted"] == true
                }

                // Later syncs neither heal the canaries back nor report them as drift.
                let syncs = await daemon.syncs()
                try await waitUntil("three more syncs", timeout: .seconds(120)) { await daemon.syncs() >= syncs + 3 }
                #expect(
                    try await scenario.live("inferenceservice", "fraud-detector")["spec"]?["predictor"]?[
                        "canaryTrafficPercent"
                    ] == 0
                )
                #expect(try await scenario.live("deployment", "churn-predictor-canary")["spec"]?["replicas"] == 0)
                #expect(daemon.events("drift").isEmpty)
                #expect(daemon.events("canary_aborted").count == 2, "raised once per canary")

                // The history has a line per abort.
                let history = try String(
                    contentsOfFile: scenario.directory.appendingPathComponent("host-state/history.jsonl").path,
                    encoding: .utf8
                )
                #expect(history.split(separator: "\n").filter { $0.contains(#""result":"aborted""#) }.count == 2)

                // A change to the ModelDeployment in git releases the hold: the canary serves its new share.
                let path = "models/fraud-detector/deployment.yaml"
                let file = scenario.repository.work.appendingPathComponent("\(GuardrailScenario.folder)/\(path)").path
                let text = try String(contentsOfFile: file, encoding: .utf8)
                try scenario.write(path, text.replacingOccurrences(of: "traffic: 10", with: "traffic: 5"))
                scenario.exporter.set(Self.fraudErrors, 0.001)
                try await scenario.push("fraud-detector: canary 13 at 5% again")
                try await waitUntil("the canary serves again", timeout: .seconds(120)) {
                    try await scenario.live("inferenceservice", "fraud-detector")["spec"]?["predictor"]?[
                        "canaryTrafficPercent"
                    ] == 5
                }
                try await waitUntil("a new analysis runs", timeout: .seconds(120)) {
                    await daemon.model("fraud-detector")?["analysis"]?["state"] == "running"
                }
                try await waitUntil("/status shows the canary's new share", timeout: .seconds(120)) {
                    let fraud = await daemon.model("fraud-detector")
                    return fraud?["canaryTraffic"] == 5 && fraud?["canaryAborted"] == nil
                }
                #expect(try await daemon.stop() == 0)
            }
        }
    }

    @Test("every check holding for minDuration passes the canary: canary_passed, shown in /status and /metrics")
    func pass() async throws {
        try await withGuardrailScenario { scenario in
            try scenario.append("models/fraud-detector/deployment.yaml", Self.analysis(minDuration: "3s"))
        } _: { scenario in
            scenario.exporter.set(Self.fraudErrors, 0.004)
            try await scenario.prometheus.waitForSeries(Self.fraudErrors)
            try await scenario.withDaemon("host") { daemon in
                let passed = try await daemon.waitForEvent("canary_passed")
                #expect(passed["model"] == "fraud-detector")
                #expect(passed["version"] == "13")
                let analysis = try #require(await daemon.model("fraud-detector")?["analysis"])
                #expect(analysis["state"] == "passed")
                #expect((analysis["elapsedSeconds"]?.doubleValue ?? 0) >= 3)
                #expect(analysis["minDurationSeconds"]?.doubleValue == 3)
                #expect(analysis["checks"]?.arrayValue?.first?["value"]?.doubleValue == 0.004)
                let metrics = await daemon.metrics()
                #expect(
                    metrics.contains(#"mooring_canary_state{target="default",model="fraud-detector",state="passed"} 1"#)
                )
                #expect(
                    metrics.contains(
                        #"mooring_analysis_value{target="default",model="fraud-detector",version="13",check="error-rate"} 0.004"#
                    )
                )
                #expect(
                    metrics.contains(
                        #"mooring_analysis_runs_total{target="default",model="fraud-detector",check="error-rate",result="pass"}"#
                    )
                )
                #expect(
                    try await scenario.live("inferenceservice", "fraud-detector")["spec"]?["predictor"]?[
                        "canaryTrafficPercent"
                    ] == 10
                )
                #expect(try await daemon.stop() == 0)
            }
        }
    }

    @Test(
        "no data (no series, then Prometheus down) never passes and never aborts: analysis_unavailable once per outage"
    )
    func noData() async throws {
        try await withGuardrailScenario { scenario in
            try scenario.append(
                "models/fraud-detector/deployment.yaml",
                Self.analysis(failureLimit: 2, minDuration: "1h")
            )
        } _: { scenario in
            try await scenario.withDaemon("host") { daemon in
                let first = try await daemon.waitForEvent("analysis_unavailable")
                #expect(first["message"]?.stringValue?.contains("no series") == true)
                #expect(await daemon.model("fraud-detector")?["analysis"]?["state"] == "unavailable")

                // Data comes back: running again.
                scenario.exporter.set(Self.fraudErrors, 0.001)
                try await waitUntil("the analysis has data", timeout: .seconds(120)) {
                    await daemon.model("fraud-detector")?["analysis"]?["state"] == "running"
                }
                #expect(daemon.events("analysis_unavailable").count == 1, "once per outage")

                // Prometheus goes away: a second outage, raised once more; the canary keeps its traffic.
                await scenario.prometheus.stop()
                let second = try await daemon.waitForEvent("analysis_unavailable", count: 2)
                #expect(second["message"]?.stringValue?.contains("did not answer") == true)
                let checks = await daemon.model("fraud-detector")?["analysis"]?["checks"]?.arrayValue
                #expect(checks?.first?["result"] == "no-data")
                #expect(daemon.events("canary_aborted").isEmpty)
                #expect(daemon.events("canary_passed").isEmpty)
                #expect(
                    try await scenario.live("inferenceservice", "fraud-detector")["spec"]?["predictor"]?[
                        "canaryTrafficPercent"
                    ] == 10
                )
                #expect(try await daemon.stop() == 0)
            }
        }
    }

    @Test("a monitor failing failureLimit runs in a row raises model_degraded once; holding again, model_recovered")
    func monitors() async throws {
        try await withGuardrailScenario { scenario in
            try scenario.append(
                "models/fraud-detector/deployment.yaml",
                """
                  analysis: {interval: 1s, failureLimit: 2, minDuration: 1h, checks: [{name: error-rate, query: 'vector(0)', max: 1}]}
                  monitors:
                    - {name: input-psi, query: 'input_psi{model="{{model}}",version="{{version}}"}', max: 0.2}

                """
            )
        } _: { scenario in
            scenario.exporter.set(Self.driftScore, 0.05)
            try await scenario.prometheus.waitForSeries(Self.driftScore)
            try await scenario.withDaemon("host") { daemon in
                try await waitUntil("the monitor runs", timeout: .seconds(120)) {
                    await daemon.model("fraud-detector")?["monitors"]?.arrayValue?.first?["result"] == "pass"
                }
                scenario.exporter.set(Self.driftScore, 0.4)
                let degraded = try await daemon.waitForEvent("model_degraded")
                #expect(degraded["check"] == "input-psi")
                #expect(degraded["version"] == "12")
                #expect(degraded["value"] == "0.4")
                #expect(degraded["bound"] == "max 0.2")
                scenario.exporter.set(Self.driftScore, 0.1)
                let recovered = try await daemon.waitForEvent("model_recovered")
                #expect(recovered["check"] == "input-psi")
                #expect(daemon.events("model_degraded").count == 1, "raised once, not once per run")
                #expect(await daemon.model("fraud-detector")?["monitors"]?.arrayValue?.first?["result"] == "pass")
                #expect(try await daemon.stop() == 0)
            }
        }
    }
}
