import Foundation
import Logging
import Timing

/// One long-running, read-only `kubectl proxy --unix-socket` for a live cache, restarted with backoff when it dies.
///
/// The proxy runs as every kubectl does (``KubectlRunner``: argv only, explicit kubeconfig and cache, its process
/// group killed when it is stopped) and refuses every write method (`--reject-methods`). Its socket lives in a
/// folder only Mooring's user may enter (0700) and is itself 0600. Requests wait for the socket while the proxy
/// starts (at most ``startDeadline``: a proxy not listening by then is killed and counts as a failed start), and
/// fail at once while it is down between restarts.
actor KubectlProxy {
    private enum State {
        case starting
        case listening
        /// Down until its next start, for this reason.
        case down(String)
        case stopped
    }

    let socketPath: String
    private let runner: KubectlRunner
    private var state = State.starting
    /// Whether the proxy ever listened: a proxy that never did cannot start at all.
    private(set) var hasListened = false
    private var supervisor: Task<Void, Never>?
    /// Since when the running proxy listens.
    private var listeningSince: ContinuousClock.Instant?
    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter = 0

    /// How long a starting proxy may take to listen.
    static let startDeadline: Duration = .seconds(30)

    init(socketPath: String, runner: KubectlRunner) {
        self.socketPath = socketPath
        self.runner = runner
    }

    /// Starts the proxy (and keeps it running until ``stop()``) unless it runs, after creating the socket's folder
    /// (0700).
    private func startIfNeeded() throws(ClusterError) {
        guard supervisor == nil, case .starting = state else { return }
        let folder = (socketPath as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder)
        } catch {
            throw ClusterError(
                code: .internalError,
                message: "cannot create the folder of kubectl proxy's socket, \(folder) (\(error)); check the state "
                    + "directory's permissions",
                command: command.description
            )
        }
        supervisor = Task { await supervise() }
    }

    /// The socket's path once the proxy listens on it (starting the proxy at the first call); throws at once while
    /// the proxy is down (or stopped), and when it did not start within ``startDeadline``.
    func socket() async throws(ClusterError) -> String {
        try startIfNeeded()
        while true {
            switch state {
            case .listening:
                return socketPath
            case .down(let problem):
                throw ClusterError(
                    code: .unreachable,
                    message: "the live cache's kubectl proxy is down (\(problem)); it is restarted with backoff",
                    command: command.description
                )
            case .stopped:
                throw ClusterError(
                    code: .unreachable,
                    message: "the live cache's kubectl proxy was stopped",
                    command: command.description
                )
            case .starting:
                await stateChange()
                if Task.isCancelled {
                    throw ClusterError(
                        code: .cancelled,
                        message: "the call was cancelled while kubectl proxy started",
                        command: command.description
                    )
                }
            }
        }
    }

    /// Stops the proxy (killing its process group) and removes its socket.
    func stop() async {
        supervisor?.cancel()
        await supervisor?.value
        supervisor = nil
        change(to: .stopped)
        try? FileManager.default.removeItem(atPath: socketPath)
    }

    // MARK: - Supervision

    private var command: KubectlCommand {
        KubectlCommand([
            "proxy", "--unix-socket=\(socketPath)", "--api-prefix=/", "--reject-methods=^(POST|PUT|PATCH|DELETE)$",
        ])
    }

    private func supervise() async {
        var delay = ReconnectDelay()
        while !Task.isCancelled {
            change(to: .starting)
            let problem = await runOnce()
            guard !Task.isCancelled else { return }
            // A proxy that served for a while starts again soon; one that keeps dying, ever later.
            if let since = listeningSince, ContinuousClock.now - since > .seconds(60) { delay.reset() }
            listeningSince = nil
            change(to: .down(problem))
            runner.logger.warning(
                "the live cache's kubectl proxy ended; it is restarted, and its watches re-list",
                metadata: ["socket": "\(socketPath)", "problem": "\(problem)"]
            )
            try? await CancellableSleep.sleep(for: delay.next())
        }
    }

    /// Runs the proxy until it ends (or does not listen within ``startDeadline``) and says why it ended.
    private func runOnce() async -> String {
        try? FileManager.default.removeItem(atPath: socketPath)
        return await withTaskGroup(of: String?.self) { group in
            group.addTask { await self.run() }
            group.addTask {
                guard (try? await CancellableSleep.sleep(for: Self.startDeadline)) != nil else { return nil }
                guard case .starting = await self.state else { return nil }
                return "it did not listen on \(self.socketPath) within \(Self.startDeadline)"
            }
            defer { group.cancelAll() }
            while let result = await group.next() {
                if let problem = result { return problem }
            }
            return "stopped"
        }
    }

    private func run() async -> String {
        do {
            // The proxy runs until it is stopped: its deadline is only a bound.
            let output = try await runner.stream(command, timeout: .seconds(10 * 365 * 86_400)) { chunk in
                if String(decoding: chunk, as: UTF8.self).contains("Starting to serve on") {
                    await self.listening()
                }
            }
            // The last of what it said: a proxy that ran for days may have logged much before.
            let said = output.standardError.suffix(500).trimmingCharacters(in: .whitespacesAndNewlines)
            return "kubectl proxy exited with status \(output.exitCode)" + (said.isEmpty ? "" : ": \(said)")
        } catch {
            return error.message
        }
    }

    private func listening() {
        // kubectl creates the socket under umask 0077; 0600 says so whatever it did.
        _ = chmod(socketPath, 0o600)
        hasListened = true
        listeningSince = .now
        change(to: .listening)
        runner.logger.debug("the live cache's kubectl proxy listens", metadata: ["socket": "\(socketPath)"])
    }

    // MARK: - Waiting for a state change

    private func change(to new: State) {
        state = new
        let waiting = waiters
        waiters = [:]
        for waiter in waiting.values { waiter.resume() }
    }

    /// Returns at the next state change, or once the task is cancelled.
    private func stateChange() async {
        let id = nextWaiter
        nextWaiter += 1
        await withTaskCancellationHandler {
            await withCheckedContinuation { waiters[id] = $0 }
        } onCancel: {
            Task { await self.wake(id) }
        }
    }

    private func wake(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume()
    }
}
