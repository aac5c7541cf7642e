// Folder ChildProcess: the one child-process runner, its output and error.

import Glibc
import Subprocess
import SystemPackage
import Timing

/// One program run the way Mooring runs every child process — kubectl, the signature verifiers, the demo's git:
/// an argv (never a shell), a deadline, output captured up to a limit.
///
/// The program starts in a session of its own, so on timeout or cancellation its whole process group — the program
/// and anything it started, such as kubectl's exec credential plugins — is killed with SIGKILL (after SIGTERM and
/// ``stopGracePeriod``, when one is set), and ``run()`` returns only after the program was reaped. Standard input comes from a file the child inherits, never from a
/// pipe this process writes to (swift-subprocess issue #367: a child exiting early would otherwise raise SIGPIPE or
/// trap here).
public struct ChildProcess: Sendable {
    /// A path, or a name looked up on `PATH`.
    public var executable: String
    public var arguments: [String]
    /// Variables set (a value) or removed (`nil`) in the environment the child inherits from this process.
    public var environment: [String: String?]
    /// The file standard input is read from; `/dev/null` when `nil`.
    public var inputFile: String?
    /// How long the program may run before it is killed with its process group.
    public var timeout: Duration
    /// The most bytes kept of standard output; more stops the program.
    public var outputLimit: Int
    /// The most bytes kept of standard error; more stops the program.
    public var errorOutputLimit: Int
    /// How long a stopped program (cancelled, or past its deadline) gets to exit after SIGTERM to its process group
    /// before SIGKILL; zero (the default) sends SIGKILL at once. For a server run for a while, such as `mooring run`
    /// in the demo, that shuts down cleanly on SIGTERM.
    public var stopGracePeriod: Duration = .zero

    public init(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String?] = [:],
        inputFile: String? = nil,
        timeout: Duration,
        outputLimit: Int,
        errorOutputLimit: Int? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.inputFile = inputFile
        self.timeout = timeout
        self.outputLimit = outputLimit
        self.errorOutputLimit = errorOutputLimit ?? outputLimit
    }

    /// Runs the program to its end and returns what it printed, whatever its exit status.
    ///
    /// Throws only when it could not run to its end: not found or not executable, its input unreadable, the
    /// deadline passed, output over a limit, the calling task cancelled.
    public func run() async throws(ChildProcessError) -> ChildProcessOutput {
        let configuration = configuration()
        return try await withinDeadline {
            let result = try await Self.retryingBusyExecutable {
                try await Subprocess.run(
                    configuration,
                    input: try standardInput(),
                    output: .bytes(limit: outputLimit),
                    error: .bytes(limit: errorOutputLimit)
                )
            }
            return ChildProcessOutput(
                status: Self.status(result.terminationStatus),
                standardOutput: result.standardOutput,
                standardError: result.standardError
            )
        }
    }

    /// Runs `body` (which runs the program) against ``timeout``: the first to finish wins; cancelling the run kills
    /// the process group, and leaving the group waits until the program is reaped, so no zombie outlives the call.
    func withinDeadline(
        _ body: @escaping @Sendable () async throws -> ChildProcessOutput
    ) async throws(ChildProcessError) -> ChildProcessOutput {
        let output: ChildProcessOutput?
        do {
            output = try await withThrowingTaskGroup(of: ChildProcessOutput?.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try await CancellableSleep.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                let first = try await group.next() ?? nil
                // Cancelled while the program ended (killed with its group, or just finished): the caller asked to
                // stop, and swift-subprocess may hand back the killed program's status rather than throw.
                try Task.checkCancellation()
                return first
            }
        } catch {
            throw failure(error)
        }
        guard let output else {
            throw ChildProcessError(
                code: .timedOut,
                message: "did not finish within \(timeout) and was killed with its process group"
            )
        }
        return output
    }

    func configuration() -> Configuration {
        var platformOptions = PlatformOptions()
        platformOptions.createSession = true
        // SIGKILL the whole group (after SIGTERM and a grace period, when one is given): a grandchild that outlived
        // a signal to its parent alone would be left behind.
        let kill = TeardownStep.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1))
        platformOptions.teardownSequence =
            stopGracePeriod > .zero
            ? [.send(signal: .terminate, toProcessGroup: true, allowedDurationToNextStep: stopGracePeriod), kill]
            : [kill]
        var updates: [Environment.Key: String?] = [:]
        for (name, value) in environment { updates[Environment.Key(stringLiteral: name)] = value }
        return Configuration(
            executable: executable.contains("/") ? .path(FilePath(executable)) : .name(executable),
            arguments: Arguments(arguments),
            environment: .inherit.updating(updates),
            platformOptions: platformOptions
        )
    }

    /// Standard input as a file descriptor that the child inherits and this process closes once the child is
    /// spawned.
    func standardInput() throws(ChildProcessError) -> FileDescriptorInput {
        let path = inputFile ?? "/dev/null"
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ChildProcessError(
                code: .inputUnreadable,
                message: "could not open \(path) as its input: \(String(cString: strerror(errno)))"
            )
        }
        return .fileDescriptor(FileDescriptor(rawValue: descriptor), closeAfterSpawningProcess: true)
    }

    static func status(_ status: TerminationStatus) -> Int32 {
        switch status {
        case .exited(let code): return code
        case .signaled(let signal): return 128 + signal
        }
    }

    func failure(_ error: any Error) -> ChildProcessError {
        if let error = error as? ChildProcessError { return error }
        if error is CancellationError || Task.isCancelled {
            return ChildProcessError(
                code: .cancelled,
                message: "was stopped with its process group: the call was cancelled"
            )
        }
        guard let error = error as? SubprocessError else {
            return ChildProcessError(code: .failed, message: "could not be run: \(error)")
        }
        switch error.code {
        case .outputLimitExceeded:
            return ChildProcessError(
                code: .outputTooLarge,
                message: "printed more than \(outputLimit) bytes (or \(errorOutputLimit) bytes of errors) and was "
                    + "stopped"
            )
        case .executableNotFound:
            return ChildProcessError(code: .executableNotFound, message: "is not found")
        case .spawnFailed:
            if let errno = error.underlyingError,
                [Errno.noSuchFileOrDirectory, .permissionDenied, .execFormatError, .notDirectory].contains(errno)
            {
                return ChildProcessError(code: .notExecutable, message: "is not executable (\(errno))")
            }
            return ChildProcessError(code: .failed, message: "could not be run: \(error)")
        default:
            return ChildProcessError(code: .failed, message: "could not be run: \(error)")
        }
    }
}
