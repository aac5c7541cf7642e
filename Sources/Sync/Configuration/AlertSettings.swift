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
    /// The line of `alerts.webhookUrlFile` in the configuration file, for errors about the file's content (0 when
    /// not read from a file).
    public var webhookURLFileLine: Int
    public var format: Format
    /// How often alerts that still fire are posted again to an Alertmanager (`alerts.resendInterval`), well under
    /// its `resolve_timeout` (5 minutes by default), after which an alert not re-sent counts as resolved.
    public var resendInterval: Duration

    public init(
        webhookURLFile: String? = nil,
        webhookURLFileLine: Int = 0,
        format: Format = .generic,
        resendInterval: Duration = .seconds(60)
    ) {
        self.webhookURLFile = webhookURLFile
        self.webhookURLFileLine = webhookURLFileLine
        self.format = format
        self.resendInterval = resendInterval
    }
}

extension AlertSettings {
    init(reading reader: inout ConfigurationReader) {
        _ = reader.object("alerts", allowed: ["webhookUrlFile", "format", "resendInterval"])
        self.init(
            webhookURLFile: reader.readableFile("alerts.webhookUrlFile"),
            webhookURLFileLine: reader.document.line(of: "alerts.webhookUrlFile"),
            format: reader.choice("alerts.format", as: Format.self) ?? .generic,
            resendInterval: reader.duration("alerts.resendInterval") ?? .seconds(60)
        )
    }
}
