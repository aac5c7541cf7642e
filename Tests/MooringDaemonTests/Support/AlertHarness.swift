import Foundation
import MooringCore
import MooringDaemon
import Sync
import TestSupport

/// A webhook receiver on 127.0.0.1 and a dispatcher posting to it, with a log that keeps every line.
struct AlertHarness: Sendable {
    let receiver: WebhookReceiver
    let alerts: AlertDispatcher
    let logs: CapturedLogs
    /// The file holding the receiver's URL.
    let webhookFile: String

    /// Runs the dispatcher while `body` runs, then shuts it down gracefully, which flushes its queue.
    func running<Result>(_ body: () async throws -> Result) async throws -> Result {
        try await whileRunning([alerts], logger: logs.logger, body)
    }

    /// The bodies the receiver got, parsed.
    func received() throws -> [JSONValue] {
        try receiver.requests.map { try JSONValue.parse($0.body) }
    }
}

/// Runs `body` with a receiver that gives `answers` first, and a dispatcher posting to it at `path` in `format`;
/// the webhook file goes in `directory`, or in a temporary one. For `alertmanager`, the receiver answers 400 to a
/// body that is not a valid Alertmanager API v2 `postableAlerts`.
func withAlertHarness<Result>(
    in directory: URL? = nil,
    path: String,
    format: AlertSettings.Format,
    answers: [WebhookReceiver.Answer] = [],
    options: AlertDeliveryOptions = AlertDeliveryOptions(initialDelay: .milliseconds(10)),
    _ body: (AlertHarness) async throws -> Result
) async throws -> Result {
    let validate = format == .alertmanager ? AlertmanagerSchema.problem(in:) : nil
    return try await withWebhookReceiver(answers: answers, validate: validate) { receiver in
        func start(_ directory: URL) async throws -> Result {
            let logs = CapturedLogs()
            let alerts = try AlertDispatcher.posting(
                to: receiver.url(path),
                in: directory,
                format: format,
                options: options,
                logger: logs.logger
            )
            let file = directory.appendingPathComponent("alert-webhook").path
            return try await body(AlertHarness(receiver: receiver, alerts: alerts, logs: logs, webhookFile: file))
        }
        if let directory { return try await start(directory) }
        return try await withTemporaryDirectory(start)
    }
}
