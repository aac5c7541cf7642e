import Dispatch
import Foundation
import Glibc

/// Ends a blocking network call on the calling thread once a timeout has passed.
///
/// libgit2 1.5 has no timeout for connecting or reading, for any transport: a server that accepts the
/// connection and never answers blocks `recv` for ever. Its progress callbacks run only when data arrives,
/// so they cannot notice the deadline on their own. After the deadline this sends `interruptSignal` to the
/// thread that runs the operation, every 50 ms until the operation returns; the signal's handler does nothing
/// and is installed without `SA_RESTART`, so the blocked system call fails with `EINTR` and libgit2 returns
/// an error. The callbacks check `hasExpired` too, for the moments between system calls.
final class NetworkDeadline: @unchecked Sendable {
    /// `SIGURG` is ignored by default and left alone by Swift, Foundation and NIO.
    static let interruptSignal = SIGURG

    private let lock = NSLock()
    private var expired = false
    private var active = true
    private let target: pthread_t
    private let timer: any DispatchSourceTimer
    private let onExpiry: (@Sendable () -> Void)?

    /// Starts the clock for an operation that runs on the calling thread. `onExpiry` runs off that thread
    /// with each interrupt after the deadline, until `finish()` (for what a signal cannot interrupt).
    init(timeout: Duration, onExpiry: (@Sendable () -> Void)? = nil) {
        target = pthread_self()
        self.onExpiry = onExpiry
        // A queue of its own: the global queues are limited to one thread per core and may all be
        // blocked by others' work, which would delay the interrupt by as long as they are.
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "mooring.git.deadline"))
        let (seconds, attoseconds) = timeout.components
        let milliseconds = Int(clamping: seconds) &* 1000 &+ Int(attoseconds / 1_000_000_000_000_000)
        timer.schedule(deadline: .now() + .milliseconds(max(milliseconds, 0)), repeating: .milliseconds(50))
        timer.setEventHandler { [weak self] in self?.fire() }
        timer.resume()
    }

    /// True once the deadline has passed.
    var hasExpired: Bool { lock.withLock { expired } }

    /// Stops interrupting; call before the thread does anything else.
    func finish() {
        lock.withLock { active = false }
        timer.cancel()
    }

    private func fire() {
        lock.withLock {
            guard active else { return }
            expired = true
            _ = pthread_kill(target, Self.interruptSignal)
            onExpiry?()
        }
    }

    /// Unblocks `interruptSignal` on the calling thread: threads inherit their creator's signal mask, and test
    /// runners and daemons often block every signal.
    static func acceptInterrupts() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, interruptSignal)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Installs the do-nothing handler (once per process, from `LibGit2.initialize`).
    static func installInterruptHandler() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(interruptSignal, &action, nil)
    }
}
