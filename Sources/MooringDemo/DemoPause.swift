import Foundation
import Synchronization

/// `--pause`: waits for Enter between the demo's steps, and gives way at once to Ctrl-C.
///
/// Standard input is read on a thread of its own, never on the Swift concurrency pool (which the simulated
/// cluster in this process needs); when the demo is cancelled the wait ends and that thread's read is abandoned.
final class DemoPause: Sendable {
    private let waiter = Mutex<CheckedContinuation<Void, Never>?>(nil)

    /// Returns once a line (or end of input) is read; throws `CancellationError` when the task is cancelled.
    func waitForEnter() async throws {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiter.withLock { $0 = continuation }
                if Task.isCancelled { resume() }
                Thread { [self] in
                    _ = readLine()
                    resume()
                }.start()
            }
        } onCancel: {
            resume()
        }
        try Task.checkCancellation()
    }

    private func resume() {
        waiter.withLock { $0.take() }?.resume()
    }
}
