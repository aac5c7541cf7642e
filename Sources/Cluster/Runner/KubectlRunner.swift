// Folder Cluster/Runner: one kubectl call — its argv, options, output, and the manifest file it reads.

import ChildProcess
import CoreMetrics
import Foundation
public import Logging

/// Runs kubectl: argv only (never a shell), explicit kubeconfig, context and cache, a deadline, capped output.
///
/// A ``ChildProcess``: on timeout or cancellation the whole process group — kubectl and any exec credential plugin
/// it started — is killed, and the call returns only after kubectl was reaped; standard input, when a command has
/// any, comes from a file.
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
        try await execute(command, timeout: options.timeout) { process throws(ChildProcessError) in
            try await process.run()
        }
    }

    /// Runs `command` to completion (or for at most `timeout`), handing its standard output to `chunk` as it
    /// arrives, and returns its exit status and error output (no standard output): for a watch
    /// (`kubectl get --raw '…?watch=1'`), which runs for minutes. Throws as ``run(_:)`` does.
    ///
    /// Such a kubectl idles for minutes holding little, so it runs with a smaller Go heap goal (`GOGC=25`, unless
    /// Mooring's environment sets `GOGC`): a quiet watch keeps 8.6 MB of private memory rather than 12.1 MB.
    public func stream(
        _ command: KubectlCommand,
        timeout: Duration,
        _ chunk: @escaping @Sendable ([UInt8]) async throws -> Void
    ) async throws(ClusterError) -> KubectlOutput {
        let heapGoal = ProcessInfo.processInfo.environment["GOGC"] == nil ? ["GOGC": "25"] : [:]
        return try await execute(command, timeout: timeout, environment: heapGoal) {
            process throws(ChildProcessError) in
            try await process.stream(chunk)
        }
    }

    private func execute(
        _ command: KubectlCommand,
        timeout: Duration,
        environment: [String: String?] = [:],
        _ body: (ChildProcess) async throws(ChildProcessError) -> ChildProcessOutput
    ) async throws(ClusterError) -> KubectlOutput {
        let start = ContinuousClock.now
        let process = ChildProcess(
            options.executable,
            options.globalArguments + command.arguments,
            environment: environment.merging(["KUBECACHEDIR": options.cacheDirectory]) { _, cache in cache },
            inputFile: command.standardInputFile,
            timeout: timeout,
            outputLimit: options.outputLimit,
            errorOutputLimit: options.errorOutputLimit
        )
        let result: ChildProcessOutput
        do {
            result = try await body(process)
        } catch {
            let failure = clusterError(error, command: command, timeout: timeout)
            log(command, start: start, result: failure.code.description)
            throw failure
        }
        log(
            command,
            start: start,
            result: "exit \(result.status)",
            metricResult: result.succeeded ? "success" : "failure"
        )
        return KubectlOutput(
            command: command,
            exitCode: result.status,
            standardOutput: result.standardOutput,
            standardError: String(decoding: result.standardError, as: UTF8.self),
            duration: ContinuousClock.now - start
        )
    }

    /// Why kubectl could not run, as the cluster error a person can act on.
    private func clusterError(_ error: ChildProcessError, command: KubectlCommand, timeout: Duration) -> ClusterError {
        let (code, message): (ClusterError.Code, String)
        switch error.code {
        case .timedOut:
            code = .timeout
            message =
                "kubectl did not finish within \(timeout) and was killed with its process "
                + "group; check that the API server answers, or raise cluster.timeout"
        case .outputTooLarge:
            code = .outputTooLarge
            message =
                "kubectl printed more than \(options.outputLimit) bytes (or \(options.errorOutputLimit) "
                + "bytes of errors) and was stopped; narrow the request or raise the output limit"
        case .executableNotFound, .notExecutable:
            code = .kubectlMissing
            message =
                "kubectl at \(options.executable) \(error.message); install kubectl or set cluster.kubectl "
                + "in the host configuration to its path"
        case .cancelled:
            code = .cancelled
            message = "the call was cancelled and kubectl was stopped with its process group"
        default:
            code = .internalError
            message = "kubectl \(error.message)"
        }
        return ClusterError(code: code, message: message, command: command.description)
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
