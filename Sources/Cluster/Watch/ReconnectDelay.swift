/// How long to wait before the next try after a failure: doubling from ``first`` up to ``limit``, each wait spread by
/// ±20 % at random so that many watchers (or many hosts) do not reconnect in step.
struct ReconnectDelay: Sendable {
    var first: Duration
    var limit: Duration
    private var failures = 0

    init(first: Duration = .milliseconds(250), limit: Duration = .seconds(30)) {
        self.first = first
        self.limit = limit
    }

    /// The wait after one more failure.
    mutating func next() -> Duration {
        let doubled = first * (1 << min(failures, 16))
        failures += 1
        let base = min(doubled, limit)
        return base * Double.random(in: 0.8...1.2)
    }

    /// Back to ``first`` after a success.
    mutating func reset() { failures = 0 }
}
