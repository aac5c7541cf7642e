import Foundation

/// A condition that did not hold before its deadline.
public struct DeadlineExceeded: Error, CustomStringConvertible {
    public var what: String
    public var description: String { "timed out waiting for \(what)" }
}

/// Polls `condition` until it is true, or throws `DeadlineExceeded` after `timeout`. The deadline is
/// for hangs, not speed: generous, because a loaded 2-core machine can stall the test pool for seconds.
public func waitUntil(
    _ what: String,
    timeout: Duration = .seconds(60),
    every interval: Duration = .milliseconds(20),
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return }
        guard ContinuousClock.now < deadline else { throw DeadlineExceeded(what: what) }
        try await Task.sleep(for: interval)
    }
}
