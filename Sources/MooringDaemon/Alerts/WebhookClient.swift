import Foundation
import Timing
import URLLoading

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// POSTs JSON bodies to the alert webhook through URLSession, each request ended by a hard timeout.
struct WebhookClient: Sendable {
    /// How one request ended.
    enum Outcome: Sendable, Equatable {
        /// The receiver answered with this status; `retryAfter` is its `Retry-After` header, when given in seconds
        /// or as an HTTP date.
        case answered(status: Int, retryAfter: Duration?)
        /// No answer: the connection failed or broke, or the timeout passed. The reason never holds the URL.
        case noAnswer(reason: String)
    }

    let webhook: AlertWebhook
    let timeout: Duration
    private let session: URLSession

    init(webhook: AlertWebhook, timeout: Duration) {
        self.webhook = webhook
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.timeoutIntervalForRequest = Self.seconds(timeout)
        configuration.timeoutIntervalForResource = Self.seconds(timeout)
        session = URLSession(configuration: configuration)
    }

    /// Posts `body` as `application/json`; never takes longer than `timeout`, and ends early when the task is
    /// cancelled.
    func post(_ body: [UInt8]) async -> Outcome {
        var request = URLRequest(url: webhook.url)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("mooring", forHTTPHeaderField: "User-Agent")
        request.timeoutInterval = Self.seconds(timeout)
        let prepared = request
        let session = session
        let timeout = timeout
        return await Race.first {
            await Self.send(prepared, through: session)
        } or: {
            try? await CancellableSleep.sleep(for: timeout)
            return .noAnswer(reason: "no answer within \(timeout.components.seconds)s")
        }
    }

    /// Lets requests in flight finish, then releases the session; no request can be made after.
    func close() {
        session.finishTasksAndInvalidate()
    }

    private static func send(_ request: URLRequest, through session: URLSession) async -> Outcome {
        do {
            let (_, response) = try await session.cancellableData(for: request)
            return outcome(response: response, error: nil)
        } catch {
            return outcome(response: nil, error: error)
        }
    }

    private static func outcome(response: URLResponse?, error: (any Error)?) -> Outcome {
        if let http = response as? HTTPURLResponse {
            return .answered(
                status: http.statusCode,
                retryAfter: http.value(forHTTPHeaderField: "Retry-After").flatMap(retryAfter)
            )
        }
        return .noAnswer(reason: reason(for: error))
    }

    /// A description of a transport failure from its code alone: URLError's own text and user info carry the URL.
    private static func reason(for error: (any Error)?) -> String {
        guard let code = (error as? URLError)?.code else { return "the request failed" }
        switch code {
        case .timedOut: return "the request timed out"
        case .cannotConnectToHost: return "the connection was refused"
        case .cannotFindHost, .dnsLookupFailed: return "the host name could not be resolved"
        case .networkConnectionLost: return "the connection was lost"
        case .notConnectedToInternet: return "the network is down"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return "the TLS connection failed"
        case .cancelled: return "the request was cancelled"
        default: return "the request failed (URLError \(code.rawValue))"
        }
    }

    /// `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3).
    static func retryAfter(_ value: String) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text), seconds >= 0 { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return .milliseconds(max(0, Int(date.timeIntervalSinceNow * 1000)))
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
