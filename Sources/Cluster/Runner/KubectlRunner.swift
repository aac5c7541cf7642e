import CoreMetrics
public import Logging
import Subprocess
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs kubectl: argv only (never a shell), explicit kubeconfig, context and cache, a deadline, capped output.
///
/// kubectl starts in a session of its own, so on timeout the whole process group — kubectl and any exec
/// credential plugin it started — is killed with SIGKILL, and the call returns only after kubectl was reaped.
/// Standard input, when a command has any, comes from a file descriptor, never from a pipe this process
/// writes to (swift-subprocess issue #367: a child exiting early would otherwise raise SIGPIPE here).
public struct KubectlRunner: Sendable {
    public var options: KubectlOptions
    public var logger: Logger

    public init(options: KubectlOptions, logger: Logger = Logger(label: "mooring.cluster")) {
        self.options = options
        self.logger = logger
    }

    /// Runs `command` to completion and returns what it printed, whatever its exit status.
    ///
    /// Throws only when kubectl could not run to its end: missing binary (``ClusterError/Code/kubectlMissing``),
    /// deadline passed (``ClusterError/Code/timeout``), output over the limit
    /// (``ClusterError/Code/outputTooLarge``). Classify a non-zero exit with ``KubectlOutput/checked()``.
    public func run(_ command: KubectlCommand) async throws(ClusterError) -> KubectlOutput {
        let start = ContinuousClock.now
        let outcome: Outcome
        do {
            outcome = try await runWithDeadline(command)
        } catch let error as ClusterError {
            log(command, start: start, result: error.code.description)
            throw error
        } catch {
            let failure = runFailure(error, command: command)
            log(command, start: start, result: failure.code.description)
            throw failure
        }
        switch outcome {
        case .timedOut:
            log(command, start: start, result: "timeout")
            throw ClusterError(
                code: .timeout,
                message: "kubectl did not finish within \(options.timeout) and was killed with its process "
                    + "group; check that the API server answers, or raise cluster.timeout",
                command: command.description
            )
        case .finished(let status, let standardOutput, let standardError):
            let output = KubectlOutput(
                command: command,
                exitCode: status,
                standardOutput: standardOutput,
                standardError: String(decoding: standardError, as: UTF8.self),
                duration: ContinuousClock.now - start
            )
            log(command, start: start, result: "exit \(status)", metricResult: status == 0 ? "success" : "failure")
            return output
        }
    }

    private enum Outcome: Sendable {
        case finished(status: Int32, standardOutput: [UInt8], standardError: [UInt8])
        case timedOut
    }

    private func runWithDeadline(_ command: KubectlCommand) async throws -> Outcome {
        let configuration = try configuration(for: command)
        let input = try standardInput(for: command)
        let outputLimit = options.outputLimit
        let errorLimit = options.errorOutputLimit
        let timeout = options.timeout
        return try await withThrowingTaskGroup(of: Outcome.self) { group in
            group.addTask {
                let result = try await Subprocess.run(
                    configuration,
                    input: input,
                    output: .bytes(limit: outputLimit),
                    error: .bytes(limit: errorLimit)
                )
                return .finished(
                    status: Self.exitCode(of: result.terminationStatus),
                    standardOutput: result.standardOutput,
                    standardError: result.standardError
                )
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return .timedOut
            }
            // The first to finish wins; cancelling the run kills the process group, and leaving the group
            // waits until kubectl is reaped, so no zombie outlives the call.
            do {
                let first = try await group.next() ?? .timedOut
                group.cancelAll()
                if case .timedOut = first { while (try? await group.next()) != nil {} }
                return first
            } catch {
                group.cancelAll()
                throw Self.translate(error, command: command, options: options)
            }
        }
    }

    private func configuration(for command: KubectlCommand) throws -> Configuration {
        var platformOptions = PlatformOptions()
        platformOptions.createSession = true
        // SIGKILL the whole group at once: kubectl needs no graceful shutdown, and a credential plugin
        // that outlived a SIGTERM to kubectl alone would be left behind.
        platformOptions.teardownSequence = [
            .send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1))
        ]
        return Configuration(
            executable: .path(FilePath(options.executable)),
            arguments: Arguments(options.globalArguments + command.arguments),
            environment: .inherit.updating(["KUBECACHEDIR": options.cacheDirectory]),
            platformOptions: platformOptions
        )
    }

    /// The command's standard input as a file descriptor that the child inherits and this process closes
    /// once the child is spawned; `/dev/null` when the command has none.
    private func standardInput(for command: KubectlCommand) throws(ClusterError) -> FileDescriptorInput {
        let path = command.standardInputFile ?? "/dev/null"
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ClusterError(
                code: .internalError,
                message: "could not open \(path) as kubectl's input: \(String(cString: strerror(errno)))",
                command: command.description
            )
        }
        return .fileDescriptor(FileDescriptor(rawValue: descriptor), closeAfterSpawningProcess: true)
    }

    private static func exitCode(of status: TerminationStatus) -> Int32 {
        switch status {
        case .exited(let code): return code
        case .signaled(let signal): return 128 + signal
        }
    }

    private static func translate(_ error: any Error, command: KubectlCommand, options: KubectlOptions) -> any Error {
        guard let subprocessError = error as? SubprocessError else { return error }
        switch subprocessError.code {
        case .outputLimitExceeded:
            return ClusterError(
                code: .outputTooLarge,
                message: "kubectl printed more than \(options.outputLimit) bytes (or \(options.errorOutputLimit) "
                    + "bytes of errors) and was stopped; narrow the request or raise the output limit",
                command: command.description
            )
        case .executableNotFound:
            return missingKubectl(command: command, options: options, reason: "not found")
        default:
            return error
        }
    }

    private static func missingKubectl(
        command: KubectlCommand,
        options: KubectlOptions,
        reason: String
    )
        -> ClusterError
    {
        ClusterError(
            code: .kubectlMissing,
            message: "kubectl at \(options.executable) is \(reason); install kubectl or set cluster.kubectl "
                + "in the host configuration to its path",
            command: command.description
        )
    }

    private func runFailure(_ error: any Error, command: KubectlCommand) -> ClusterError {
        if error is CancellationError {
            return ClusterError(
                code: .cancelled,
                message: "the call was cancelled and kubectl was stopped with its process group",
                command: command.description
            )
        }
        if let subprocessError = error as? SubprocessError, subprocessError.code == .spawnFailed,
            let errno = subprocessError.underlyingError,
            [Errno.noSuchFileOrDirectory, .permissionDenied, .execFormatError, .notDirectory].contains(errno)
        {
            return Self.missingKubectl(command: command, options: options, reason: "not executable (\(errno))")
        }
        return ClusterError(
            code: .internalError,
            message: "kubectl could not be run: \(error)",
            command: command.description
        )
    }

    /// Logs the call and counts it in swift-metrics (`mooring_kubectl_calls_total{verb,result}`), under
    /// `metricResult` (`success` or `failure` for a kubectl that ran to its end) or else `result` (the error's
    /// code: `timeout`…).
    private func log(
        _ command: KubectlCommand,
        start: ContinuousClock.Instant,
        result: String,
        metricResult: String? = nil
    ) {
        Counter(
            label: "mooring_kubectl_calls_total",
            dimensions: [("verb", command.verb), ("result", metricResult ?? result)]
        )
        .increment()
        let elapsed = ContinuousClock.now - start
        logger.debug(
            "kubectl \(command.verb)",
            metadata: [
                "verb": "\(command.verb)",
                "objects": "\(command.objects.count)",
                "duration_ms": "\(Int(elapsed / .milliseconds(1)))",
                "result": "\(result)",
            ]
        )
    }
}
