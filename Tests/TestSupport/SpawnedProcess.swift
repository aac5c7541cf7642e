import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A long-running child (a server for a test) started with `posix_spawn` and reaped with `waitpid`.
///
/// Not Foundation's `Process`: a child inherits the test runner's signal mask (which blocks SIGTERM), and
/// `Process.waitUntilExit` can wait for ever on a server whose descendants keep its status pipe open.
/// Here the child gets an empty signal mask and default handlers, and `stop()` always returns.
///
/// The child keeps no descriptor of the test runner but its standard input, output and error. Foundation's `Pipe`
/// is not close-on-exec, so a server started while a test side by side runs `git` would otherwise hold that pipe's
/// write end for its whole life, and the test reading `git`'s output to its end would wait for the server to stop
/// — the stalls of tens of seconds that kept the suite from running in parallel.
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
        try Self.closeInheritedDescriptors(&actions)
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

    /// Adds to `actions` the closing of every descriptor from 3 up (glibc 2.34's `closefrom` action, looked up at run
    /// time: Swift's Glibc module does not declare it).
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) throws {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {
            throw POSIXError(.ENOSYS, userInfo: [NSLocalizedDescriptionKey: "glibc 2.34 or later is needed"])
        }
        let addCloseFrom = unsafeBitCast(symbol, to: AddCloseFrom.self)
        let result = addCloseFrom(&actions, 3)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
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
