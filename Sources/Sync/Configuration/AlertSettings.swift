import MooringCore

/// Where alerts go besides the log.
public struct AlertSettings: Sendable, Equatable {
    /// The payload shape of the webhook.
    public enum Format: String, Sendable, CaseIterable {
        case slack
        case alertmanager
        case generic
    }

    /// A file holding the webhook URL (the URL is a secret; it is never logged).
    public var webhookURLFile: String?
    public var format: Format

    public init(webhookURLFile: String? = nil, format: Format = .generic) {
        self.webhookURLFile = webhookURLFile
        self.format = format
    }
}

extension AlertSettings {
    init(reading reader: inout ConfigurationReader) {
        _ = reader.object("alerts", allowed: ["webhookUrlFile", "format"])
        self.init(
            webhookURLFile: reader.readableFile("alerts.webhookUrlFile"),
            format: reader.choice("alerts.format", as: Format.self) ?? .generic
        )
    }
}
