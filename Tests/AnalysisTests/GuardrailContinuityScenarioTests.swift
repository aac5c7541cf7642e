import Foundation
import MooringCore
import TestSupport
import Testing

/// An analysis outlives the process running it: restarts and leadership changes continue it from the state kept in
/// the cluster.
@Suite("Scenario: live guardrails across restarts and leaders", .serialized, .enabled(if: PrometheusServer.isInstalled))
struct GuardrailContinuityScenarioTests {
    typealias Scenarios = GuardrailScenarioTests

    /// The kept state of fraud-detector's analysis (`canary` of `ml-prod/fraud-detector`).
    static func keptCanary(_ scenario: GuardrailScenario, model: String = "fraud-detector") async throws -> JSONValue? {
        try await scenario.keptState()?["ml-prod/\(model)"]?["canary"]
    }

    @Test("a daemon restarted in the middle of an analysis continues it: its start, elapsed time and failures in a row")
    func restart() async throws {
        try await withGuardrailScenario { scenario in
            try scenario.append(
                "models/fraud-detector/deployment.yaml",
                Scenarios.analysis(failureLimit: 10, minDuration: "1h")
            )
        } _: { scenario in
            scenario.exporter.set(Scenarios.fraudErrors, 0.001)
            try await scenario.prometheus.waitForSeries(Scenarios.fraudErrors)
            // Holding: the elapsed time grows, then the daemon stops.
            try await scenario.withDaemon("host") { daemon in
                try await waitUntil("some holding time", timeout: .seconds(120)) {
                    (await daemon.model("fraud-detector")?["analysis"]?["elapsedSeconds"]?.doubleValue ?? 0) >= 2
                }
                #expect(try await daemon.stop() == 0)
            }
            let held = try #require(try await Self.keptCanary(scenario))
            let startedAt = try #require(held["startedAt"]?.stringValue)
            let elapsed = try #require(held["elapsedSeconds"]?.doubleValue)
            #expect(elapsed >= 2)
            try await scenario.withDaemon("host") { daemon in
                let restarted = Date()
                try await waitUntil("a run after the restart", timeout: .seconds(120)) {
                    await Self.ranSince(restarted, daemon)
                }
                let analysis = try #require(await daemon.model("fraud-detector")?["analysis"])
                #expect(analysis["startedAt"]?.stringValue == startedAt, "the same analysis, not a new one")
                #expect((analysis["elapsedSeconds"]?.doubleValue ?? 0) >= elapsed, "the elapsed time survives")

                // Failing: the failures in a row grow, then the daemon stops again.
                scenario.exporter.set(Scenarios.fraudErrors, 0.5)
                try await waitUntil("two failed runs", timeout: .seconds(120)) {
                    let checks = await daemon.model("fraud-detector")?["analysis"]?["checks"]?.arrayValue
                    return (checks?.first?["failuresInARow"]?.intValue ?? 0) >= 2
                }
                #expect(try await daemon.stop() == 0)
            }
            let failing = try #require(try await Self.keptCanary(scenario))
            let failures = try #require(failing["checks"]?.arrayValue?.first?["failuresInARow"]?.intValue)
            #expect(failures >= 2)
            try await scenario.withDaemon("host") { daemon in
                let restarted = Date()
                try await waitUntil("a run after the second restart", timeout: .seconds(120)) {
                    await Self.ranSince(restarted, daemon)
                }
                let checks = await daemon.model("fraud-detector")?["analysis"]?["checks"]?.arrayValue
                let now = checks?.first?["failuresInARow"]?.intValue ?? 0
                #expect(now > failures, "the count goes on from \(failures), not from 1 (it is \(now))")
                #expect(await daemon.model("fraud-detector")?["analysis"]?["startedAt"]?.stringValue == startedAt)
                #expect(try await daemon.stop() == 0)
            }
        }
    }

    @Test(
        "a new leader continues the analysis where the last one left it and keeps an aborted canary out of traffic"
    )
    func failover() async throws {
        try await withGuardrailScenario { scenario in
            try scenario.append("models/fraud-detector/deployment.yaml", Scenarios.analysis(failureLimit: 2))
            try Scenarios.churnCanary(scenario, analysis: Scenarios.analysis(failureLimit: 10, minDuration: "1h"))
        } _: { scenario in
            scenario.exporter.set(Scenarios.fraudErrors, 0.3)
            scenario.exporter.set(Scenarios.churnErrors, 0.001)
            try await scenario.prometheus.waitForSeries(Scenarios.churnErrors)
            let election =
                "{enabled: true, namespace: mooring-system, name: mooring, leaseDuration: 15s, renewDeadline: 10s, retryPeriod: 1s}"
            try await scenario.withDaemon("first", leaderElection: election) { first in
                try await scenario.withDaemon("second", leaderElection: election) { second in
                    try await waitUntil("one daemon leads", timeout: .seconds(120)) {
                        !first.events("leader_acquired").isEmpty || !second.events("leader_acquired").isEmpty
                    }
                    let (leader, standby) = first.events("leader_acquired").isEmpty ? (second, first) : (first, second)
                    try await leader.waitForEvent("canary_aborted")
                    try await waitUntil("fraud-detector's canary out of traffic", timeout: .seconds(120)) {
                        try await scenario.live("inferenceservice", "fraud-detector")["spec"]?["predictor"]?[
                            "canaryTrafficPercent"
                        ] == 0
                    }
                    try await waitUntil("churn-predictor's analysis holds a while", timeout: .seconds(120)) {
                        (try await Self.keptCanary(scenario, model: "churn-predictor")?["elapsedSeconds"]?.doubleValue
                            ?? 0) >= 2
                    }
                    #expect(standby.events("canary_aborted").isEmpty, "a standby runs no checks")

                    #expect(try await leader.stop() == 0)
                    let churn = try #require(try await Self.keptCanary(scenario, model: "churn-predictor"))
                    let startedAt = try #require(churn["startedAt"]?.stringValue)
                    let elapsed = try #require(churn["elapsedSeconds"]?.doubleValue)
                    try await standby.waitForEvent("leader_acquired")
                    let syncs = await standby.syncs()
                    try await waitUntil("the new leader has synced a few times", timeout: .seconds(120)) {
                        await standby.syncs() >= syncs + 3
                    }
                    #expect(
                        try await scenario.live("inferenceservice", "fraud-detector")["spec"]?["predictor"]?[
                            "canaryTrafficPercent"
                        ] == 0,
                        "the aborted canary stays out of traffic"
                    )
                    try await waitUntil("the new leader runs the analysis", timeout: .seconds(120)) {
                        await Self.ranSince(Date.distantPast, standby, model: "churn-predictor")
                    }
                    let analysis = try #require(await standby.model("churn-predictor")?["analysis"])
                    #expect(analysis["startedAt"]?.stringValue == startedAt)
                    #expect((analysis["elapsedSeconds"]?.doubleValue ?? 0) >= elapsed)
                    #expect(await standby.model("fraud-detector")?["analysis"]?["state"] == "aborted")
                    #expect(standby.events("canary_aborted").isEmpty, "the abort is not raised again")
                    #expect(standby.events("drift").isEmpty)
                }
            }
        }
    }

    /// Whether `daemon`'s `/status` shows a run of `model`'s analysis made after `date`.
    static func ranSince(_ date: Date, _ daemon: GuardrailDaemon, model: String = "fraud-detector") async -> Bool {
        guard let text = await daemon.model(model)?["analysis"]?["checks"]?.arrayValue?.first?["at"]?.stringValue,
            let at = ISO8601DateFormatter().date(from: text)
        else { return false }
        return at > date.addingTimeInterval(-1)
    }
}
