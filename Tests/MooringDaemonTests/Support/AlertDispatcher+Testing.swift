import Foundation
import Logging
import MooringDaemon
import Sync

extension AlertDispatcher {
    /// A dispatcher posting to `url` (written, with surrounding whitespace, to a webhook file in `directory`) that
    /// retries after milliseconds rather than seconds unless `options` say otherwise.
    static func posting(
        to url: String,
        in directory: URL,
        format: AlertSettings.Format,
        options: AlertDeliveryOptions = AlertDeliveryOptions(initialDelay: .milliseconds(10)),
        logger: Logger
    ) throws -> AlertDispatcher {
        let file = directory.appendingPathComponent("alert-webhook").path
        try "  \(url)\n".write(toFile: file, atomically: true, encoding: .utf8)
        let webhook = try AlertWebhook(
            readingFrom: file,
            configurationFile: directory.appendingPathComponent("mooring.yaml").path
        )
        return AlertDispatcher(webhook: webhook, format: format, options: options, logger: logger)
    }
}
