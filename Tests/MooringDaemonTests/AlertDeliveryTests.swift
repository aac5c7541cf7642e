import Foundation
import GitSource
import MooringCore
import Sync
import TestSupport
import Testing

@testable import MooringDaemon

@Suite("Alert delivery: payloads, retries and the webhook file")
struct AlertDeliveryTests {
    static let origin = AlertPayload.Origin(host: "ops-1", time: Date(timeIntervalSince1970: 1_800_000_000))

    /// `events` as point notices raised at the origin's time.
    static func points(_ events: [SyncEvent]) -> [AlertNotice] {
        events.map { AlertNotice.point($0, at: origin.time) }
    }

    @Test("a Slack message escapes Slack's markup characters, so an event cannot ping a channel")
    func slackEscaping() throws {
        let event = SyncEvent(
            .validationFailed,
            .error,
            "bad <!channel> & <http://x|y>",
            details: SyncEvent.Details(target: "a<b")
        )
        let payloads = AlertPayload.payloads(for: Self.points([event]), format: .slack, origin: Self.origin)
        let text = try #require(try JSONValue.parse(String(decoding: payloads[0].body, as: UTF8.self))["text"])
        #expect(
            text
                == "Mooring on ops-1:\n:rotating_light: *validation_failed* [a&lt;b] bad &lt;!channel&gt; &amp; &lt;http://x|y&gt;"
        )
    }

    @Test("a Slack message lists at most fifty events and says how many more there were")
    func slackLimit() throws {
        let events = (1...60).map { SyncEvent(.driftHealed, .info, "healed \($0)") }
        let payloads = AlertPayload.payloads(for: Self.points(events), format: .slack, origin: Self.origin)
        #expect(payloads.count == 1)
        let text = try #require(
            try JSONValue.parse(String(decoding: payloads[0].body, as: UTF8.self))["text"]?.stringValue
        )
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1 + 50 + 1)
        #expect(lines.last == "… and 10 more events")
    }

    @Test("a sync without events sends nothing")
    func noEvents() {
        for format in AlertSettings.Format.allCases {
            #expect(AlertPayload.payloads(for: [], format: format, origin: Self.origin).isEmpty)
        }
    }

    @Test("2xx is delivered; no answer, 5xx, 408 and 429 are retried (after Retry-After when given); others refused")
    func classification() {
        let options = AlertDeliveryOptions(initialDelay: .seconds(1), maximumDelay: .seconds(30))
        #expect(options.next(after: .answered(status: 204, retryAfter: nil), attempt: 1) == .delivered)
        for status in [400, 401, 403, 404, 410, 422, 301] {
            #expect(
                options.next(after: .answered(status: status, retryAfter: nil), attempt: 1) == .refused(status: status)
            )
        }
        for outcome in [
            WebhookClient.Outcome.noAnswer(reason: "the connection was refused"),
            .answered(status: 500, retryAfter: nil), .answered(status: 503, retryAfter: nil),
            .answered(status: 408, retryAfter: nil), .answered(status: 429, retryAfter: nil),
        ] {
            guard case .retry = options.next(after: outcome, attempt: 1) else {
                Issue.record("\(outcome) is not retried")
                continue
            }
        }
        #expect(
            options.next(after: .answered(status: 429, retryAfter: .seconds(7)), attempt: 1)
                == .retry(after: .seconds(7), reason: "HTTP 429")
        )
        #expect(
            options.next(after: .answered(status: 503, retryAfter: .seconds(9)), attempt: 1)
                == .retry(after: .seconds(9), reason: "HTTP 503")
        )
        #expect(
            options.next(after: .answered(status: 429, retryAfter: .seconds(3600)), attempt: 1)
                == .retry(after: .seconds(30), reason: "HTTP 429"),
            "Retry-After is capped at maximumDelay"
        )
    }

    @Test("the backoff doubles with each try, stays within half and all of its step, and is capped")
    func backoff() {
        let options = AlertDeliveryOptions(initialDelay: .seconds(1), maximumDelay: .seconds(10))
        for (attempt, step) in [(1, 1), (2, 2), (3, 4), (4, 8), (5, 10), (40, 10)] {
            let delay = options.backoff(after: attempt)
            #expect(delay >= .seconds(step) / 2 && delay <= .seconds(step), "try \(attempt): \(delay)")
        }
    }

    @Test("Retry-After is read as seconds or as an HTTP date")
    func retryAfterHeader() {
        #expect(WebhookClient.retryAfter("120") == .seconds(120))
        #expect(WebhookClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == .zero, "a date in the past: at once")
        let soon = Date().addingTimeInterval(3600)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let delay = WebhookClient.retryAfter(formatter.string(from: soon))
        #expect(delay.map { $0 > .seconds(3500) && $0 <= .seconds(3600) } == true, "\(String(describing: delay))")
        #expect(WebhookClient.retryAfter("soon") == nil)
    }

    @Test("the webhook file is trimmed; a file without one http(s) URL is a configuration error naming the file only")
    func webhookFile() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("hook").path
            try "\n  https://hooks.example.com/T0SECRET/B0\n\n".write(toFile: file, atomically: true, encoding: .utf8)
            let webhook = try AlertWebhook(readingFrom: file, configurationFile: "/etc/mooring/mooring.yaml")
            #expect(webhook.url.absoluteString == "https://hooks.example.com/T0SECRET/B0")
            #expect("\(webhook)" == "the webhook URL in \(file)")

            for content in [
                "", "ftp://hooks.example.com/T0SECRET", "https://hooks.example.com/T0SECRET extra", "T0SECRET",
            ] {
                try content.write(toFile: file, atomically: true, encoding: .utf8)
                let error = #expect(throws: ConfigurationError.self) {
                    try AlertWebhook(readingFrom: file, configurationFile: "/etc/mooring/mooring.yaml")
                }
                #expect(
                    error?.description.contains("alerts.webhookUrlFile: file \(file) ") == true,
                    "\(String(describing: error))"
                )
                #expect(error?.description.contains("SECRET") == false)
            }
            #expect(throws: ConfigurationError.self) {
                try AlertWebhook(
                    readingFrom: directory.appendingPathComponent("absent").path,
                    configurationFile: "m.yaml"
                )
            }
        }
    }

    @Test("alerts.resendInterval is read as a duration, one minute when absent; a bad one names its file and line")
    func resendInterval() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("mooring.yaml").path
            try "stateDir: state\nalerts:\n  format: alertmanager\n  resendInterval: 30s\n"
                .write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try ConfigurationFile.load(path).alerts().resendInterval == .seconds(30))
            try "alerts:\n  format: alertmanager\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try ConfigurationFile.load(path).alerts().resendInterval == .seconds(60))
            try "alerts:\n  format: alertmanager\n  resendInterval: soon\n"
                .write(toFile: path, atomically: true, encoding: .utf8)
            let error = #expect(throws: ConfigurationError.self) { try ConfigurationFile.load(path).alerts() }
            #expect(
                error?.description.hasPrefix("\(path):3: alerts.resendInterval: ") == true,
                "\(String(describing: error))"
            )
        }
    }

    @Test("a resolved condition reads as resolved in Slack, saying why and what it was; in Alertmanager it has endsAt")
    func resolvedNotice() throws {
        let event = SyncEvent(
            .validationFailed,
            .error,
            "commit 9e8d7c6b5a41 refused, nothing applied: 1 problem(s)\nmodels/a.yaml:3: bad",
            details: SyncEvent.Details(
                target: "beta",
                commit: CommitID("9e8d7c6b5a41" + String(repeating: "f", count: 28))
            )
        )
        let resolved = AlertNotice(
            event: event,
            status: .resolved,
            startsAt: Self.origin.time,
            endsAt: Self.origin.time + 90,
            resolution: "no commit refused any more; serving 3f2c1a9b8d7e"
        )
        let slack = AlertPayload.payloads(for: [resolved], format: .slack, origin: Self.origin)
        let text = try #require(try JSONValue.parse(String(decoding: slack[0].body, as: UTF8.self))["text"])
        #expect(
            text
                == .string(
                    "Mooring on ops-1:\n:white_check_mark: *validation_failed* [beta] resolved: no commit refused any "
                        + "more; serving 3f2c1a9b8d7e (was: commit 9e8d7c6b5a41 refused, nothing applied: 1 problem(s))"
                )
        )
        let manager = AlertPayload.payloads(for: [resolved], format: .alertmanager, origin: Self.origin)
        let alert = try #require(
            try JSONValue.parse(String(decoding: manager[0].body, as: UTF8.self)).arrayValue?.first
        )
        #expect(alert["labels"] == ["alertname": "validation_failed", "severity": "error", "target": "beta"])
        #expect(alert["startsAt"] == .string(AlertPayload.timestamp(Self.origin.time)))
        #expect(alert["endsAt"] == .string(AlertPayload.timestamp(Self.origin.time + 90)))
        #expect(AlertmanagerSchema.problem(in: String(decoding: manager[0].body, as: UTF8.self)) == nil)
    }

    @Test("an event's typed details reach the generic fields, Alertmanager labels and description as logged")
    func detailsInPayloads() throws {
        let commit = try #require(CommitID(String(repeating: "c3", count: 20)))
        let object = ObjectIdentity(group: "apps", kind: "Deployment", namespace: "ml", name: "churn")
        let details = SyncEvent.Details(target: "a", commit: commit, object: object, fields: ["x", "y"], managers: [])
        let notice = AlertNotice.point(SyncEvent(.drift, .warning, "drifted", details: details), at: Self.origin.time)
        let fields: JSONValue = [
            "target": "a", "commit": .string(commit.hex), "object": "Deployment.apps ml/churn", "fields": "x,y",
            "managers": "",
        ]
        #expect(AlertPayload.genericObject(notice, origin: Self.origin)["fields"] == fields)
        let alert = AlertPayload.alertmanagerAlert(notice, origin: Self.origin)
        #expect(
            alert["labels"] == [
                "alertname": "drift", "severity": "warning", "target": "a", "object": "Deployment.apps ml/churn",
                "commit": .string(commit.hex),
            ]
        )
        #expect(
            alert["annotations"]?["description"]
                == .string(
                    "drifted\nhost: ops-1\ncommit: \(commit.hex)\nfields: x,y\nmanagers: \nobject: Deployment.apps "
                        + "ml/churn\ntarget: a"
                )
        )
    }
}
