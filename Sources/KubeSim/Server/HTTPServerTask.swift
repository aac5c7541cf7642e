public import Hummingbird
public import Logging
import ServiceLifecycle
import Synchronization

/// A Hummingbird application served in a task of its own, stopped by graceful shutdown rather than by cancelling
/// that task.
///
/// Cancelling a task that runs `Application.run()` cancels the iteration of Hummingbird's date cache, a `merge` of
/// swift-async-algorithms 1.1.4 that holds its lock while it leaves a cancellation handler: a cancel arriving at that
/// moment deadlocks both threads (apple/swift-async-algorithms#430), and with them every test or demo step waiting on
/// the server (seen as the test suite hanging in `KubeSim.refuseConnections()`). A graceful shutdown ends the date
/// cache's sequence without cancelling anything: the server stops listening, closes idle connections and lets
/// requests in flight finish. Only a server still busy after `grace` is cancelled.
public final class HTTPServerTask: Sendable {
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    /// Whether the task has ended; a class, so that the task can set it.
    private final class Finished: Sendable {
        let value = Mutex(false)
    }
    private let finished = Finished()

    /// Starts serving `app`; `onStop` runs when it stops serving, with the error that stopped it, if any.
    public init(
        _ app: some ApplicationProtocol,
        executorPreference: (any TaskExecutor)? = nil,
        logger: Logger,
        onStop: @escaping @Sendable ((any Error)?) -> Void = { _ in }
    ) {
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], logger: logger))
        let finished = finished
        self.group = group
        task = Task(executorPreference: executorPreference) {
            defer { finished.value.withLock { $0 = true } }
            do {
                try await group.run()
                onStop(nil)
            } catch {
                onStop(error)
                throw error
            }
        }
    }

    /// Stops listening and returns once the server has stopped: at once when nothing is in flight, else when the
    /// requests in flight end, at most `grace` later (then they are cancelled).
    public func stop(grace: Duration = .seconds(2)) async {
        await group.triggerGracefulShutdown()
        let deadline = ContinuousClock.now + grace
        while !finished.value.withLock({ $0 }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        if !finished.value.withLock({ $0 }) { task.cancel() }
        _ = try? await task.value
    }
}
