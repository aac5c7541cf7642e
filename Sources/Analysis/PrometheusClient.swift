public import Foundation
import URLLoading

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs instant queries (`/api/v1/query`) against Prometheus' HTTP API, each under a timeout.
///
/// The bearer token is read from its file at every query (so a rotated token is picked up) and goes only into the
/// `Authorization` header: never into a log line or an error.
public struct PrometheusClient: Sendable {
    /// The server's base URL (`http://prometheus:9090`, or with a path prefix); it holds no credentials.
    public let url: URL
    /// A file holding the bearer token, when the server wants one.
    public let bearerTokenFile: String?
    /// How long one query may take, connection included.
    public let timeout: Duration
    private let session: URLSession

    public init(url: URL, bearerTokenFile: String? = nil, timeout: Duration = .seconds(10)) {
        self.url = url
        self.bearerTokenFile = bearerTokenFile
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.timeoutIntervalForRequest = timeout.timeInterval
        configuration.timeoutIntervalForResource = timeout.timeInterval
        session = URLSession(configuration: configuration)
    }

    /// The value of `query` now; `what` names the check in errors (`check error-rate of ml-prod/fraud`).
    public func measure(_ query: String, what: String) async throws(AnalysisError) -> Reading {
        var components = URLComponents(url: url.appendingPathComponent("api/v1/query"), resolvingAgainstBaseURL: false)
        components?.queryItems = [URLQueryItem(name: "query", value: query)]
        guard let requestURL = components?.url else {
            throw AnalysisError(.server, "cannot form a query for \(what) at \(url.absoluteString)")
        }
        var request = URLRequest(url: requestURL, timeoutInterval: timeout.timeInterval)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("mooring", forHTTPHeaderField: "User-Agent")
        if let token = try bearerToken() { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.cancellableData(for: request)
        } catch {
            throw AnalysisError(
                .unreachable,
                "Prometheus at \(url.absoluteString) did not answer \(what): \(Self.reason(for: error))"
            )
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        if status == 401 || status == 403 {
            throw AnalysisError(
                .unauthorized,
                "Prometheus at \(url.absoluteString) refused the credentials for \(what) (HTTP \(status)); "
                    + "check analysis.prometheus.bearerTokenFile"
            )
        }
        // Prometheus answers a bad query with 400 and an error body, which names the problem.
        return try PrometheusAnswer.measurement(from: data, status: status, what: what)
    }

    /// The token, trimmed of surrounding white space; `nil` without a token file.
    private func bearerToken() throws(AnalysisError) -> String? {
        guard let bearerTokenFile else { return nil }
        guard let contents = FileManager.default.contents(atPath: bearerTokenFile),
            let text = String(data: contents, encoding: .utf8)
        else {
            throw AnalysisError(.credentials, "the bearer token file \(bearerTokenFile) cannot be read")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, !token.contains(where: \.isNewline) else {
            throw AnalysisError(.credentials, "the bearer token file \(bearerTokenFile) holds no single-line token")
        }
        return token
    }

    /// A transport failure described by its code alone: URLError's own text and user info carry the URL.
    private static func reason(for error: any Error) -> String {
        guard let code = (error as? URLError)?.code else { return "the request failed" }
        switch code {
        case .timedOut: return "no answer within the timeout (analysis.prometheus.timeout)"
        case .cannotConnectToHost: return "the connection was refused"
        case .cannotFindHost, .dnsLookupFailed: return "the host name could not be resolved"
        case .networkConnectionLost: return "the connection was lost"
        case .cancelled: return "the request was cancelled"
        default: return "the request failed (URLError \(code.rawValue))"
        }
    }
}

extension Duration {
    fileprivate var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
