import Foundation

extension SyncScenario {
    /// Adds an `alerts` section to the host configuration, the webhook URL (`webhook`, as written) in a file of its
    /// own; the next start reads it.
    public func configureAlerts(webhook: String, format: String) throws {
        let file = directory.appendingPathComponent("alert-webhook").path
        try webhook.write(toFile: file, atomically: true, encoding: .utf8)
        let configuration = try String(contentsOfFile: configurationPath, encoding: .utf8)
        try (configuration + "alerts:\n  webhookUrlFile: \(file)\n  format: \(format)\n")
            .write(toFile: configurationPath, atomically: true, encoding: .utf8)
    }
}
