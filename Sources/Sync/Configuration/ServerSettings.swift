import MooringCore

/// The daemon's HTTP listener: status page, `/metrics`, `/status`, health probes and the push webhook.
public struct ServerSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// A file holding the shared secret that enables `POST /hooks/git`.
    public var webhookSecretFile: String?

    public init(host: String = "127.0.0.1", port: Int = 9420, webhookSecretFile: String? = nil) {
        self.host = host
        self.port = port
        self.webhookSecretFile = webhookSecretFile
    }
}

extension ServerSettings {
    init(reading reader: inout ConfigurationReader) {
        _ = reader.object("server", allowed: ["listen", "webhookSecretFile"])
        var settings = ServerSettings(webhookSecretFile: reader.readableFile("server.webhookSecretFile"))
        if let listen = reader.string("server.listen") {
            if let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
                (0...65535).contains(port)
            {
                let host = String(listen[..<colon])
                settings.host = host.isEmpty ? "0.0.0.0" : host
                settings.port = port
            } else {
                reader.report("server.listen", "must be HOST:PORT such as 127.0.0.1:9420, not \"\(listen)\"")
            }
        }
        self = settings
    }
}
