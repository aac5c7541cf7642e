import Foundation
import GitSource
import Logging
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

@testable import MooringDaemon

@Suite("Scenario: alerts that fire while a condition holds and resolve when it clears")
struct AlertLifecycleScenarioTests {
    typealias Example = ExampleDeployFolder

    static var driftAlert: HostPolicy {
        var policy = HostPolicy()
        policy.drift = "alert"
        return policy
    }

    /// The alerts named `alertname` in every body an Alertmanager receiver got, in order.
    static func alerts(_ alertname: String, in harness: AlertHarness) throws -> [JSONValue] {
        try harness.received().flatMap { $0.arrayValue ?? [] }.filter {
            $0["labels"]?["alertname"] == .string(alertname)
        }
    }

    @Test(
        "drift held past the re-send interval is re-sent with the same labels and startsAt; reverted by hand, it is resolved once with endsAt"
    )
    func alertmanagerDriftLifecycle() async throws {
        try await withDeployedScenario(Self.driftAlert) { scenario, engine, _ in
            try await withAlertHarness(
                in: scenario.directory,
                path: "/api/v2/alerts",
                format: .alertmanager,
                options: AlertDeliveryOptions(initialDelay: .milliseconds(10), resendInterval: .milliseconds(200))
            ) { harness in
                try await harness.running {
                    try await scenario.scaleChurnByHand()
                    harness.alerts.submit(await engine.sync())
                    try await waitUntil("the drift sent, then re-sent twice") {
                        try Self.alerts("drift", in: harness).count >= 3
                    }
                    try await scenario.cluster.kubectlOK([
                        "scale", "-n", "ml-prod", "deployment/churn-predictor", "--replicas=3",
                    ])
                    let reverted = await engine.sync()
                    #expect(reverted.target?.driftedObjects == [], "\(reverted.allEvents)")
                    harness.alerts.submit(reverted)
                    try await waitUntil("the resolved alert") {
                        try Self.alerts("drift", in: harness).contains { $0["endsAt"] != nil }
                    }
                    harness.alerts.submit(await engine.sync())
                }

                #expect(harness.receiver.rejections == [], "every body is a valid postableAlerts")
                #expect(harness.logs.entries.allSatisfy { $0.level < .warning }, "\(harness.logs.text)")
                let drift = try Self.alerts("drift", in: harness)
                let firing = drift.filter { $0["endsAt"] == nil }
                let resolved = drift.filter { $0["endsAt"] != nil }
                #expect(firing.count >= 3, "sent, then re-sent while it held")
                #expect(resolved.count == 1, "resolved once: \(drift)")
                #expect(drift.last?["endsAt"] != nil, "nothing re-sent after the resolution")
                #expect(Set(drift.map { $0["labels"] }).count == 1, "one identity: \(drift.map { $0["labels"] })")
                #expect(
                    drift.first?["labels"]
                        == [
                            "alertname": "drift", "severity": "warning", "target": "default",
                            "object": .string(Example.churnDeployment.description),
                        ]
                )
                #expect(Set(drift.map { $0["startsAt"] }).count == 1, "the same startsAt throughout")
                let startsAt = try #require(drift.first?["startsAt"]?.stringValue.flatMap(AlertmanagerSchema.date))
                let endsAt = try #require(resolved.first?["endsAt"]?.stringValue.flatMap(AlertmanagerSchema.date))
                #expect(startsAt <= endsAt && endsAt <= Date())
                let description = resolved.first?["annotations"]?["description"]?.stringValue ?? ""
                #expect(description.contains("reverted by hand"), "\(description)")
            }
        }
    }

    @Test("a refused commit fires one alert naming it; the fixed commit applied resolves it, once")
    func refusalResolvedByTheNextCommit() async throws {
        try await withDeployedScenario { scenario, engine, first in
            try await withAlertHarness(in: scenario.directory, path: "/hook", format: .generic) { harness in
                let (refusedCommit, fixedCommit) = try await harness.running {
                    try scenario.promoteFraudCanary(newCanaryAUC: 0.85)
                    let refusedCommit = try await scenario.push("fraud-detector: canary 14 (worse)")
                    let refused = await engine.sync()
                    #expect(refused.target?.refusedCommit?.hex == refusedCommit)
                    #expect(refused.target?.commit == first.commit, "the commit still serving")
                    harness.alerts.submit(refused)
                    harness.alerts.submit(await engine.sync())
                    try scenario.write("models/fraud-detector/versions/14.yaml", Example.fraudVersion("14", auc: 0.95))
                    let fixedCommit = try await scenario.push("fraud-detector: canary 14, retrained")
                    let fixed = await engine.sync()
                    #expect(fixed.target?.outcome == .applied, "\(fixed.allEvents)")
                    #expect(fixed.target?.refusedCommit == nil)
                    harness.alerts.submit(fixed)
                    harness.alerts.submit(await engine.sync())
                    try await waitUntil("the resolved notice") {
                        try harness.received().contains { $0["status"] == "resolved" }
                    }
                    return (refusedCommit, fixedCommit)
                }

                let received = try harness.received()
                let refusal = received.filter { $0["event"] == "validation_failed" }
                #expect(refusal.map { $0["status"] } == ["firing", "resolved"], "\(received)")
                #expect(refusal.allSatisfy { $0["fields"]?["commit"]?.stringValue == refusedCommit })
                #expect(refusal.first?["startsAt"] == refusal.last?["startsAt"])
                #expect(refusal.last?["endsAt"]?.stringValue != nil)
                let resolution = refusal.last?["resolution"]?.stringValue ?? ""
                #expect(resolution.contains(String(fixedCommit.prefix(12))), "\(resolution)")
                let gate = received.filter { $0["event"] == "gate_failed" }
                #expect(!gate.isEmpty, "\(received)")
                #expect(gate.allSatisfy { $0["status"] == nil }, "point events: \(gate)")
                #expect(gate.allSatisfy { $0["fields"]?["commit"]?.stringValue == refusedCommit })
                #expect(received.filter { $0["event"] == "sync_applied" }.count == 1)
            }
        }
    }

    @Test("mooring sync posts its events before it exits; --no-alerts posts none; a refused post is a warning only")
    func oneShotSync() async throws {
        try await withSyncScenario { scenario in
            try await withWebhookReceiver(answers: [.init(200), .init(404)]) { receiver in
                try scenario.configureAlerts(webhook: receiver.url("/T0SECRET"), format: "generic")
                let deployed = try await scenario.mooring("sync")
                #expect(deployed.status == 0, "\(deployed.stderr)")
                let events = try receiver.requests.map { try JSONValue.parse($0.body)["event"] }
                #expect(events == ["sync_applied"], "delivered before the exit")

                try await scenario.scaleChurnByHand()
                let quiet = try await scenario.mooring("sync", "--no-alerts")
                #expect(quiet.status == 0, "\(quiet.stderr)")
                #expect(quiet.stderr.contains("[drift_healed]"), "an event to post: \(quiet.stderr)")
                #expect(receiver.requests.count == 1, "--no-alerts posts nothing")

                try await scenario.scaleChurnByHand()
                let refusedPost = try await scenario.mooring("sync")
                #expect(refusedPost.status == 0, "the post refused leaves the exit status alone: \(refusedPost.stderr)")
                let posted = try receiver.requests.dropFirst().map { try JSONValue.parse($0.body)["event"] }
                #expect(posted.first == "drift_healed", "the first post, refused with 404: \(posted)")
                let warning = refusedPost.stderr.split(separator: "\n").first { $0.contains("HTTP 404") }
                #expect(warning?.contains("warning") == true, "\(refusedPost.stderr)")
                #expect(!refusedPost.stderr.contains("T0SECRET"))
            }
        }
    }

    @Test("two targets, one commit refused for beta: every output names the refused commit and the one still serving")
    func twoTargetsOneRefused() async throws {
        try await withSyncScenario { scenario in
            try scenario.writeBetaConfigMap(level: "info")
            let good = try await scenario.push("beta settings")
            try scenario.configureTwoTargets()
            let engine = try scenario.start()
            let first = await engine.sync()
            try #require(first.targets.map(\.outcome) == [.applied, .applied], "\(first.allEvents)")
            try scenario.breakBeta()
            let bad = try await scenario.push("beta: a ConfigMap without a name")
            let report = await engine.sync()
            let alpha = try #require(report.targets.first { $0.target == "alpha" })
            let beta = try #require(report.targets.first { $0.target == "beta" })
            #expect(alpha.commit?.hex == bad && alpha.refusedCommit == nil, "alpha is synced to the new commit")
            #expect(beta.outcome == .refused && beta.refusedCommit?.hex == bad && beta.commit?.hex == good)
            let (goodShort, badShort) = (String(good.prefix(12)), String(bad.prefix(12)))
            #expect(beta.headline == "refused \(badShort) (still serving \(goodShort))")
            #expect(
                SyncLoop.status(of: report)
                    == "alpha \(alpha.outcome.rawValue) at \(badShort); beta refused \(badShort) (still serving \(goodShort))"
            )

            let status = DaemonStatus(targets: ["alpha", "beta"], metrics: DaemonMetrics())
            await status.record(report, nextSyncAt: Date())
            let document = try StatusDocument(json: try await status.document().json())
            let betaStatus = try #require(document.targets.first { $0.name == "beta" })
            #expect(betaStatus.refusedCommit?.id == bad)
            #expect(betaStatus.refusedCommit?.subject == "beta: a ConfigMap without a name")
            #expect(betaStatus.commit?.id == good)
            let alphaStatus = try #require(document.targets.first { $0.name == "alpha" })
            #expect(alphaStatus.commit?.id == bad && alphaStatus.refusedCommit == nil)
            let page = StatusPage.render(document)
            #expect(page.contains("<tr><th>Refused commit</th><td><code>\(badShort)</code>"), "\(page)")
            #expect(page.contains("<tr><th>Still serving</th><td><code>\(goodShort)</code>"), "\(page)")

            try await withAlertHarness(in: scenario.directory, path: "/hook", format: .generic) { harness in
                try await harness.running {
                    harness.alerts.submit(report)
                    try await waitUntil("the refusal") { !harness.receiver.requests.isEmpty }
                }
                let refusal = try #require(try harness.received().first { $0["event"] == "validation_failed" })
                #expect(refusal["fields"]?["target"] == "beta")
                #expect(refusal["fields"]?["commit"]?.stringValue == bad)
            }

            let history = try await scenario.mooring("history", "--format", "json")
            let entries = try #require(try JSONValue.parse(history.stdout).arrayValue, "\(history.stdout)")
            let refusedEntry = try #require(entries.first { $0["result"] == "refused" })
            #expect(refusedEntry["target"] == "beta" && refusedEntry["commit"]?.stringValue == bad)
            let seconds = try #require(refusedEntry["durationSeconds"]?.doubleValue)
            #expect(seconds > 0 && seconds < 60, "a sub-second sync keeps its milliseconds: \(seconds)")

            let cli = try await scenario.mooring("sync")
            #expect(cli.status == 1, "\(cli.stderr)")
            #expect(cli.stdout.contains("beta: refused \(badShort) (still serving \(goodShort))"), "\(cli.stdout)")
            #expect(cli.stdout.contains("alpha: in-sync at \(badShort)"), "\(cli.stdout)")
            #expect(!cli.stderr.contains("was refused before"), "a repeat is not logged at info: \(cli.stderr)")
        }
    }

    @Test(
        "an outage and a refused commit are logged when they start, not at every poll; the outage resolves when git answers"
    )
    func quietRepeats() async throws {
        try await withDeployedScenario { scenario, _, _ in
            let logs = CapturedLogs()
            let engine = try SyncEngine(
                configuration: try MooringConfiguration.load(from: scenario.configurationPath),
                logger: logs.logger
            )
            try await withAlertHarness(in: scenario.directory, path: "/hook", format: .generic) { harness in
                try await harness.running {
                    let moved = scenario.directory.appendingPathComponent("moved.git")
                    try FileManager.default.moveItem(at: scenario.repository.bare, to: moved)
                    for _ in 1...3 { harness.alerts.submit(await engine.sync()) }
                    try FileManager.default.moveItem(at: moved, to: scenario.repository.bare)
                    harness.alerts.submit(await engine.sync())

                    try scenario.promoteFraudCanary(newCanaryAUC: 0.85)
                    try await scenario.push("fraud-detector: canary 14 (worse)")
                    for _ in 1...3 { harness.alerts.submit(await engine.sync()) }
                    try await waitUntil("the refusal posted") {
                        try harness.received().contains { $0["event"] == "validation_failed" }
                    }
                }

                let loud = logs.entries.filter { $0.level >= .info }.map(\.message)
                func logged(_ text: String) -> Int { loud.filter { $0.contains(text) }.count }
                #expect(logged("git source unreachable") == 1, "\(loud)")
                #expect(logged("reachable again") == 1, "\(loud)")
                #expect(logged("refused, nothing applied") == 1, "\(loud)")
                #expect(logged("was refused before") == 0, "\(loud)")
                #expect(logs.entries.filter { $0.message.contains("was refused before") }.count == 2, "at debug")
                let outage = try harness.received().filter { $0["event"] == "source_unreachable" }
                #expect(outage.map { $0["status"] } == ["firing", "resolved"], "\(outage)")
            }
        }
    }
}
