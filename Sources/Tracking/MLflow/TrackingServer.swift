public import Foundation

/// Where an MLflow tracking server is and how to authenticate to it, from `--tracking-uri` or the
/// environment MLflow's own client reads (`MLFLOW_TRACKING_URI`, `MLFLOW_TRACKING_TOKEN`,
/// `MLFLOW_TRACKING_USERNAME` and `MLFLOW_TRACKING_PASSWORD`).
public struct TrackingServer: Sendable {
    /// The server's base URL, without credentials.
    public let url: URL
    /// The value of the `Authorization` header, if any. Never printed.
    let authorization: String?

    /// `url` without user information, query or fragment: what a record and a message may show.
    public var displayURI: String { url.absoluteString }

    /// Reads the server from `uri` (or `MLFLOW_TRACKING_URI`) and the credentials from `environment`.
    /// User information in the URI is taken as basic credentials and removed from what is shown.
    public init(uri: String?, environment: [String: String]) throws(TrackingError) {
        guard let text = uri ?? environment["MLFLOW_TRACKING_URI"], !text.isEmpty else {
            throw TrackingError(
                .configuration,
                "no MLflow tracking server: pass --tracking-uri URL or set MLFLOW_TRACKING_URI"
            )
        }
        guard var components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
            components.host?.isEmpty == false
        else {
            throw TrackingError(
                .configuration,
                "the tracking URI must be the http(s) URL of an MLflow tracking server (got \(Self.redacted(text)))"
            )
        }
        let user = components.user.flatMap { $0.removingPercentEncoding }
        let password = components.password.flatMap { $0.removingPercentEncoding }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        while components.path.hasSuffix("/") { components.path.removeLast() }
        guard let url = components.url else {
            throw TrackingError(.configuration, "the tracking URI \(Self.redacted(text)) is not a valid URL")
        }
        self.url = url
        if let token = environment["MLFLOW_TRACKING_TOKEN"], !token.isEmpty {
            authorization = "Bearer \(token)"
        } else if let name = user ?? environment["MLFLOW_TRACKING_USERNAME"],
            let secret = password ?? environment["MLFLOW_TRACKING_PASSWORD"]
        {
            authorization = "Basic " + Data("\(name):\(secret)".utf8).base64EncodedString()
        } else {
            authorization = nil
        }
    }

    /// A URI as it may be shown: anything between `://` and `@` replaced.
    static func redacted(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"), let at = text[schemeEnd.upperBound...].firstIndex(of: "@")
        else { return text }
        return String(text[..<schemeEnd.upperBound]) + "***" + String(text[at...])
    }
}
