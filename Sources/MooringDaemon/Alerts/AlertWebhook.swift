import Foundation
public import Sync

/// Where alerts are posted: the URL read from `alerts.webhookUrlFile`.
///
/// The URL is a secret (Slack's and most chat webhooks carry their token in the path), so it never appears in a
/// description, a log line, an error or a metric: those name the file it came from.
public struct AlertWebhook: Sendable, CustomStringConvertible {
    /// The file holding the URL.
    public let file: String
    let url: URL

    /// Reads the URL from `file`, surrounding whitespace trimmed. A file that cannot be read, or that holds anything
    /// but one `http://` or `https://` URL, is a problem of `alerts.webhookUrlFile` in `configurationFile`; the
    /// problem names the file (and the key's `configurationLine`) and never repeats its content.
    public init(
        readingFrom file: String,
        configurationFile: String,
        configurationLine: Int = 0
    ) throws(ConfigurationError) {
        func problem(_ message: String) -> ConfigurationError {
            ConfigurationError(
                file: configurationFile,
                problems: [
                    .init(key: "alerts.webhookUrlFile", line: configurationLine, message: "file \(file) \(message)")
                ]
            )
        }
        guard let data = FileManager.default.contents(atPath: file) else { throw problem("cannot be read") }
        guard data.count <= 8192, let text = String(data: data, encoding: .utf8) else {
            throw problem("is not a short UTF-8 text file holding the webhook URL")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw problem("is empty; it must hold the webhook URL") }
        guard !trimmed.contains(where: \.isWhitespace), let url = URL(string: trimmed),
            let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            throw problem("does not hold one http:// or https:// URL")
        }
        self.file = file
        self.url = url
    }

    public var description: String { "the webhook URL in \(file)" }
}
