/// How alerts are queued, retried and flushed. The defaults suit a chat webhook or an Alertmanager; tests shorten
/// them.
public struct AlertDeliveryOptions: Sendable {
    /// Messages waiting for delivery; when full, the oldest are dropped (and the drop is logged).
    public var capacity: Int
    /// Tries of one message, the first included.
    public var attempts: Int
    /// The wait before the second try; it doubles with each further try, with jitter.
    public var initialDelay: Duration
    /// The longest wait between tries, a receiver's `Retry-After` included.
    public var maximumDelay: Duration
    /// The longest one request may take, connecting included.
    public var requestTimeout: Duration
    /// How long delivery goes on after a graceful shutdown began.
    public var flushTimeout: Duration
    /// How often conditions that still fire are posted again to an Alertmanager (`alerts.resendInterval`).
    public var resendInterval: Duration

    public init(
        capacity: Int = 100,
        attempts: Int = 5,
        initialDelay: Duration = .seconds(1),
        maximumDelay: Duration = .seconds(60),
        requestTimeout: Duration = .seconds(10),
        flushTimeout: Duration = .seconds(5),
        resendInterval: Duration = .seconds(60)
    ) {
        self.capacity = max(1, capacity)
        self.attempts = max(1, attempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.requestTimeout = requestTimeout
        self.flushTimeout = flushTimeout
        self.resendInterval = resendInterval
    }

    /// What to do after a try.
    enum Next: Equatable {
        case delivered
        /// The receiver refused the message for good (a 4xx other than 408 and 429, or a 3xx).
        case refused(status: Int)
        case retry(after: Duration, reason: String)
    }

    /// Delivered on 2xx; retried on no answer, 5xx, 408 and 429 with exponential backoff and jitter, or after the
    /// receiver's `Retry-After` on a 429 or 503 (capped at `maximumDelay`); refused on anything else.
    func next(after outcome: WebhookClient.Outcome, attempt: Int) -> Next {
        switch outcome {
        case .noAnswer(let reason):
            return .retry(after: backoff(after: attempt), reason: reason)
        case .answered(let status, _) where (200..<300).contains(status):
            return .delivered
        case .answered(let status, let retryAfter?) where status == 429 || status == 503:
            return .retry(after: min(retryAfter, maximumDelay), reason: "HTTP \(status)")
        case .answered(let status, _) where status >= 500 || status == 408 || status == 429:
            return .retry(after: backoff(after: attempt), reason: "HTTP \(status)")
        case .answered(let status, _):
            return .refused(status: status)
        }
    }

    /// `initialDelay` doubled for each try after the first, capped at `maximumDelay`, then scaled by a random factor
    /// between ½ and 1 so that retries from several hosts spread out.
    func backoff(after attempt: Int) -> Duration {
        let doubled = initialDelay * (1 << min(max(attempt - 1, 0), 20))
        return min(doubled, maximumDelay) * Double.random(in: 0.5...1)
    }
}
