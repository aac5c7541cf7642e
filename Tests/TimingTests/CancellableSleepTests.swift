import TestSupport
import Testing

@testable import Timing

@Suite("A sleep whose cancellation releases its timer")
struct CancellableSleepTests {
    /// Timers of other suites running in parallel (child-process timeouts) that may be live at the same time; far
    /// fewer than the sleeps started here.
    private static let othersLive = 200

    private static var live: Int { SleepTimer.liveCount }

    @Test("a sleep that is not cancelled returns after its duration")
    func endsAfterItsDuration() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        try await CancellableSleep.sleep(for: .milliseconds(50))
        #expect(clock.now - start >= .milliseconds(49))
    }

    @Test("cancelling 10,000 hour-long sleeps ends them and releases every timer, an hour before their deadline")
    func cancelledSleepsReleaseTheirTimers() async throws {
        let count = 10_000
        let cancelled = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<count {
                group.addTask {
                    do {
                        try await CancellableSleep.sleep(for: .seconds(3600))
                        return false
                    } catch {
                        return true
                    }
                }
            }
            try await waitUntil("\(count) sleeps started") { Self.live >= count }
            group.cancelAll()
            var cancelled = 0
            for try await wasCancelled in group where wasCancelled { cancelled += 1 }
            return cancelled
        }
        #expect(cancelled == count)
        // `Task.sleep` would keep its timer and a task for each of these until the hour is over.
        try await waitUntil("the cancelled sleeps' timers released") { Self.live < Self.othersLive }
    }

    @Test("a task cancelled before it sleeps throws at once")
    func cancelledBeforeItSleeps() async {
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await CancellableSleep.sleep(for: .seconds(3600))
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test("a cancellation racing with the timer's firing resumes the sleep exactly once")
    func cancellationRacingWithFiring() async throws {
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<2_000 {
                let sleeping = Task { try await CancellableSleep.sleep(for: .microseconds(index % 200)) }
                group.addTask {
                    sleeping.cancel()
                    // Fired or cancelled, either is right; resuming twice would trap.
                    _ = try? await sleeping.value
                }
            }
        }
        try await waitUntil("the raced sleeps' timers released") { Self.live < Self.othersLive }
    }
}
