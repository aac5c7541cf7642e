import Foundation
import GitSource
import Logging
import MooringCore
import MooringDaemon
import ScenarioSupport
import Sync
import TestSupport
import Testing

@Suite("Scenario: alerts leave the host through a webhook")
struct AlertScenarioTests {
    typealias Example = ExampleDeployFolder

    /// The path of the receiver's URL: a stand-in for the token a real webhook URL carries.
    static let secret = "/services/T0SECRET/B0SECRET/token-4f9a7c"

    static var driftAlert: HostPolicy {
        var policy = HostPolicy()
        policy.drift = "alert"
        return policy
    }

    @Test("under drift: alert, a kubectl scale reaches Slack as one message naming the object, field and manager")
    func slackDrift() async throws {
        try await withDeployedScenario(Self.driftAlert) { scenario, engine, _ in
            try await withAlertHarness(in: scenario.directory, path: Self.secret, format: .slack) { harness in
                try await harness.running {
                    try await scenario.scaleChurnByHand()
                    harness.alerts.submit(await engine.sync())
                    try await waitUntil("the Slack message") { !harness.receiver.requests.isEmpty }
                    harness.alerts.submit(await engine.sync())
                }

                #expect(harness.receiver.requests.count == 1, "the same drift is not alerted twice")
                let request = try #require(harness.receiver.requests.first)
                #expect(request.method == "POST")
                #expect(request.path == Self.secret)
                #expect(request.contentType == "application/json")
                let text = try #require(try harness.received().first?["text"]?.stringValue)
                let line = try #require(text.split(separator: "\n").first { $0.contains("*drift*") }, "\(text)")
                #expect(line.contains("[default]"), "the target")
                #expect(line.contains(Example.churnDeployment.description), "the object: \(line)")
                #expect(line.contains("spec.replicas"), "the field: \(line)")
                #expect(line.contains("changed by kubectl"), "the field manager: \(line)")
                #expect(!harness.logs.text.contains("SECRET"))
            }
        }
    }

    @Test("the alertmanager format posts an array of alerts with the labels, annotations and startsAt it requires")
    func alertmanagerDrift() async throws {
        try await withDeployedScenario(Self.driftAlert) { scenario, engine, _ in
            try await withAlertHarness(in: scenario.directory, path: "/api/v2/alerts", format: .alertmanager) {
                harness in
                try await harness.running {
                    try await scenario.scaleChurnByHand()
                    harness.alerts.submit(await engine.sync())
                }

                let request = try #require(harness.receiver.requests.first)
                #expect(harness.receiver.requests.count == 1)
                #expect(request.path == "/api/v2/alerts")
                #expect(request.contentType == "application/json")
                let sent = try #require(try harness.received().first?.arrayValue)
                #expect(sent.count == 1, "\(request.body)")
                let alert = try #require(sent.first)
                #expect(
                    alert["labels"]
                        == [
                            "alertname": "drift", "severity": "warning", "target": "default",
                            "object": .string(Example.churnDeployment.description),
                        ]
                )
                let summary = try #require(alert["annotations"]?["summary"]?.stringValue)
                #expect(summary.contains(Example.churnDeployment.description))
                let description = try #require(alert["annotations"]?["description"]?.stringValue)
                #expect(description.contains("fields: spec.replicas"))
                #expect(description.contains("managers: kubectl"))
                let startsAt = try #require(alert["startsAt"]?.stringValue)
                #expect(try Date(startsAt, strategy: .iso8601) <= Date(), "RFC 3339: \(startsAt)")
                #expect(alert["endsAt"] == nil)
            }
        }
    }

    @Test("the generic format posts one object per event, a deploy notice included, with its fields, time and host")
    func genericDeploy() async throws {
        try await withSyncScenario { scenario in
            let engine = try scenario.start()
            try await withAlertHarness(in: scenario.directory, path: "/mooring", format: .generic) { harness in
                let report = try await harness.running {
                    let report = await engine.sync()
                    harness.alerts.submit(report)
                    return report
                }

                let received = try harness.received()
                #expect(received.map { $0["event"]?.stringValue } == report.allEvents.map(\.name.rawValue))
                let applied = try #require(received.first { $0["event"] == "sync_applied" })
                #expect(applied["severity"] == "info")
                #expect(applied["message"]?.stringValue?.hasPrefix("applied ") == true)
                #expect(applied["fields"]?["commit"]?.stringValue == report.target?.commit?.hex)
                #expect(applied["fields"]?["target"] == "default")
                let time = try #require(applied["time"]?.stringValue)
                #expect(try Date(time, strategy: .iso8601) <= Date())
                #expect(applied["host"]?.stringValue?.isEmpty == false)
            }
        }
    }

    @Test("a receiver that answers 503 twice gets the alert once, in the end")
    func retriedAfterServerErrors() async throws {
        try await withAlertHarness(path: Self.secret, format: .generic, answers: [.init(503), .init(503)]) { harness in
            try await harness.running {
                harness.alerts.submit(.unreachable("git.example.com is down"))
                try await waitUntil("the third try") { harness.receiver.requests.count == 3 }
            }

            #expect(harness.receiver.requests.count == 3, "two refused tries, one delivery, nothing after")
            #expect(Set(harness.receiver.requests.map(\.body)).count == 1, "the same alert each time")
            #expect(harness.logs.entries.allSatisfy { $0.level < .warning }, "\(harness.logs.text)")
            #expect(!harness.logs.text.contains("SECRET"))
        }
    }

    @Test("a 429 is retried after its Retry-After, not after the (much longer) backoff")
    func retryAfter() async throws {
        try await withAlertHarness(
            path: "/hook",
            format: .slack,
            answers: [.init(429, retryAfter: "1")],
            options: AlertDeliveryOptions(initialDelay: .seconds(3600), maximumDelay: .seconds(3600))
        ) { harness in
            try await harness.running {
                harness.alerts.submit(.unreachable("git.example.com is down"))
                try await waitUntil("the second try") { harness.receiver.requests.count == 2 }
            }
            #expect(harness.receiver.requests.count == 2)
        }
    }

    @Test("a receiver that refuses an alert with 404 is not asked again, and the refusal is logged once")
    func refusedNotRetried() async throws {
        try await withAlertHarness(path: Self.secret, format: .generic, answers: [.init(404)]) { harness in
            try await harness.running {
                harness.alerts.submit(.unreachable("first"))
                try await waitUntil("the first post") { harness.receiver.requests.count == 1 }
                harness.alerts.submit(.unreachable("second"))
                try await waitUntil("the second post") { harness.receiver.requests.count == 2 }
            }

            #expect(try harness.received().map { $0["message"] } == ["first", "second"], "no second try of the first")
            let refusals = harness.logs.entries.filter { $0.level == .warning && $0.message.contains("HTTP 404") }
            #expect(refusals.count == 1, "\(harness.logs.text)")
            #expect(refusals.first?.metadata["webhookUrlFile"] == harness.webhookFile)
            #expect(!harness.logs.text.contains("SECRET"))
        }
    }

    @Test("when the queue is full the oldest alerts are dropped with a count, and the rest are delivered in order")
    func fullQueue() async throws {
        try await withAlertHarness(
            path: "/hook",
            format: .generic,
            options: AlertDeliveryOptions(capacity: 2, initialDelay: .milliseconds(10))
        ) { harness in
            for number in 1...5 { harness.alerts.submit([SyncEvent(.sourceUnreachable, .error, "outage \(number)")]) }
            let drops = harness.logs.entries.compactMap { $0.metadata["dropped"].flatMap { Int($0) } }
            #expect(drops.reduce(0, +) == 3, "\(harness.logs.text)")

            try await harness.running {
                try await waitUntil("the queued alerts") { harness.receiver.requests.count == 2 }
            }
            #expect(try harness.received().map { $0["message"] } == ["outage 4", "outage 5"])
        }
    }

    @Test("a receiver that cannot be reached is tried a bounded number of times, and its URL is never logged")
    func unreachableReceiver() async throws {
        let port = try freeLoopbackPort()
        try await withTemporaryDirectory { directory in
            let logs = CapturedLogs()
            let alerts = try AlertDispatcher.posting(
                to: "http://127.0.0.1:\(port)\(Self.secret)",
                in: directory,
                format: .slack,
                options: AlertDeliveryOptions(attempts: 3, initialDelay: .milliseconds(10)),
                logger: logs.logger
            )
            try await whileRunning([alerts], logger: logs.logger) {
                alerts.submit(.unreachable("git.example.com is down"))
                try await waitUntil("the alert given up") { logs.text.contains("not delivered after 3 tries") }
            }

            #expect(logs.text.contains("connection was refused"), "\(logs.text)")
            #expect(!logs.text.contains("SECRET"))
            #expect(!logs.text.contains("127.0.0.1:\(port)"))
        }
    }

    @Test("a receiver that never answers does not slow the loop; at shutdown its alert is given up after the flush")
    func hungReceiver() async throws {
        try await withSyncScenario { scenario in
            let engine = try scenario.start()
            let receiver = try SilentTCPListener()
            let notify = try NotifySocket(in: scenario.directory)
            let logs = CapturedLogs()
            let alerts = try AlertDispatcher.posting(
                to: "http://127.0.0.1:\(receiver.port)\(Self.secret)",
                in: scenario.directory,
                format: .slack,
                options: AlertDeliveryOptions(requestTimeout: .seconds(3600), flushTimeout: .milliseconds(100)),
                logger: logs.logger
            )
            // The loop starts syncing once the daemon's listener is up.
            let status = DaemonStatus(targets: ["default"], metrics: DaemonMetrics())
            let trigger = SyncTrigger()
            let server = try StatusServer(
                settings: ServerSettings(port: try freeLoopbackPort()),
                status: status,
                metrics: DaemonMetrics(),
                trigger: trigger,
                logger: logs.logger
            )
            let loop = SyncLoop(
                engine: engine,
                interval: .milliseconds(10),
                notifier: SystemdNotifier(environment: ["NOTIFY_SOCKET": notify.path]),
                status: status,
                trigger: trigger,
                logger: logs.logger,
                alerts: alerts
            )
            try await whileRunning([server, alerts, loop], logger: logs.logger) {
                let ready = try await notify.receive()
                #expect(ready == "READY=1")
                for _ in 1...5 {
                    let status = try await notify.receive()
                    #expect(status.hasPrefix("STATUS=default "), "\(status)")
                }
            }

            #expect(try #require(try scenario.journal.history().entries.first).result == .applied)
            #expect(
                logs.text.contains("alerts not delivered before shutdown: "),
                "the first sync's deploy notice (and any alert after it) was still waiting for an answer: \(logs.text)"
            )
            #expect(!logs.text.contains("SECRET"))
        }
    }

    @Test("mooring run posts each sync's alerts to the webhook, retrying a failed post, and never logs the URL")
    func daemon() async throws {
        try await withSyncScenario { scenario in
            try await withWebhookReceiver(answers: [.init(503)]) { receiver in
                try scenario.configureAlerts(webhook: "\n  \(receiver.url(Self.secret))  \n", format: "slack")
                try scenario.listenOnFreePort()
                let logFile = scenario.directory.appendingPathComponent("daemon.log").path
                let daemon = try MooringBinary.startDaemon(
                    configurationPath: scenario.configurationPath,
                    logPath: logFile,
                    arguments: ["--verbose"]
                )
                try await waitUntil("the retried deploy notice") { receiver.requests.count == 2 }
                let exitCode = try await onOwnThread { daemon.stop(grace: .seconds(60)) }

                #expect(exitCode == 0, "a clean shutdown on SIGTERM")
                #expect(receiver.requests.map(\.path) == [Self.secret, Self.secret])
                let delivered = try #require(receiver.requests.last)
                let text = try #require(try JSONValue.parse(delivered.body)["text"]?.stringValue)
                #expect(text.contains("*sync_applied* [default] applied "), "\(text)")
                let log = try String(contentsOfFile: logFile, encoding: .utf8)
                #expect(log.contains("HTTP 503"), "the retry is logged (at debug level)")
                #expect(!log.contains("SECRET"))
            }
        }
    }

    @Test(
        "mooring run and sync stop at start with a configuration error when the webhook file holds no URL, naming file and line"
    )
    func badWebhookFile() async throws {
        try await withSyncScenario { scenario in
            try scenario.configureAlerts(webhook: "hooks.example.com/T0SECRET\n", format: "generic")
            let configuration = try String(contentsOfFile: scenario.configurationPath, encoding: .utf8)
            let line =
                try #require(configuration.components(separatedBy: "\n").firstIndex { $0.contains("webhookUrlFile") })
                + 1
            for command in ["run", "sync"] {
                let result = try await scenario.mooring(command)

                #expect(result.status == 2, "\(result.stderr)")
                #expect(
                    result.stderr.contains("\(scenario.configurationPath):\(line): alerts.webhookUrlFile: file "),
                    "the file, line and key: \(result.stderr)"
                )
                #expect(result.stderr.contains(scenario.directory.appendingPathComponent("alert-webhook").path))
                #expect(!result.stderr.contains("SECRET"))
            }
            #expect(try scenario.journal.history().entries.isEmpty, "no sync ran")
        }
    }
}
