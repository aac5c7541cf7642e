import Foundation

/// Runs blocking work (a child process waited for, such as the git CLI or kubectl) on a thread of its own and
/// awaits its result, so the Swift concurrency pool — as many threads as cores — stays free: tests that block it
/// in parallel starve every in-process server (KubeSim) and every subprocess monitor of the test run.
public func onOwnThread<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Swift.Result { try body() }) }.start()
    }
}
