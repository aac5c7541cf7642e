/// Waiting in the demo: on a condition, checked every 200 ms, never longer than a deadline.
enum DemoWait {
    /// Returns once `condition` holds; throws ``DemoError/Code/stepFailed`` naming `what` when it still does not
    /// after `timeout`, and whatever `condition` throws (a server that stopped, cancellation).
    static func until(
        _ what: String,
        timeout: Duration,
        _ condition: () async throws -> Bool
    ) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while try await !condition() {
            guard clock.now < deadline else {
                throw DemoError(code: .stepFailed, message: "gave up after \(timeout) waiting for \(what)")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}
