import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A long-running child (a server for a test) started with `posix_spawn` and reaped with `waitpid`.
///
/// Not Foundation's `Process`: a child inherits the test runner's signal mask (which blocks SIGTERM), and
/// `Process.waitUntilExit` can wait for ever on a server whose descendants keep its status pipe open.
/// Here the child gets an empty signal mask and default handlers, and `stop()` always returns.
public final class SpawnedProcess: @unchecked Sendable {
    public let pid: Int32
    private let lock = NSLock()
    private var reaped = false
    private var status: Int32?

    /// Starts `argv[0]` (looked up in PATH) with its output appended to `logFile` (or discarded), in this
    /// process's environment plus `environment`.
    public init(_ argv: [String], logFile: String? = nil, environment: [String: String] = [:]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let output = logFile ?? "/dev/null"
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var arguments = argv.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { _, given in given }
        var environmentPointers = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for variable in environmentPointers { free(variable) } }
        var pid: Int32 = 0
        let result = posix_spawnp(&pid, argv[0], &actions, &attributes, &arguments, &environmentPointers)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .ENOENT) }
        self.pid = pid
    }

    /// Whether the child has not exited yet.
    public var isRunning: Bool {
        lock.withLock {
            guard !reaped else { return false }
            var waitStatus: Int32 = 0
            if waitpid(pid, &waitStatus, WNOHANG) == pid {
                reaped = true
                status = Self.exitCode(waitStatus)
            }
            return !reaped
        }
    }

    /// The exit code of a child that exited by itself and was seen gone by ``isRunning``.
    public var exitCode: Int32? {
        lock.withLock { status }
    }

    /// Sends SIGTERM, then SIGKILL if the child is still there after `grace`, and reaps it. Returns the
    /// exit status when the child exited by itself (`nil` when a signal ended it, or it was reaped before).
    /// Blocks: from async code, call it through `onOwnThread`.
    @discardableResult
    public func stop(grace: Duration = .seconds(5)) -> Int32? {
        lock.withLock {
            guard !reaped else { return nil }
            kill(pid, SIGTERM)
            var status: Int32 = 0
            let deadline = ContinuousClock.now + grace
            while ContinuousClock.now < deadline {
                if waitpid(pid, &status, WNOHANG) == pid {
                    reaped = true
                    return Self.exitCode(status)
                }
                usleep(10_000)
            }
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            reaped = true
            return Self.exitCode(status)
        }
    }

    /// The exit code in a `waitpid` status, when the process exited rather than being killed by a signal.
    private static func exitCode(_ status: Int32) -> Int32? {
        (status & 0x7F) == 0 ? (status >> 8) & 0xFF : nil
    }

    deinit { stop() }
}
