public import Foundation
public import KubeSim
import Logging
public import MooringCore
public import Sync
public import TestSupport
import Testing

/// What a user has around Mooring in one scenario: a git remote holding the deploy folder and a working clone
/// to commit to, an in-process KubeSim that the real kubectl talks to, a state directory, and the host
/// configuration file that points Mooring at them. Each scenario has its own, so scenarios run in parallel.
public struct SyncScenario: Sendable {
    /// The folder Mooring watches inside the repository.
    public static let folder = "deploy-manifests"

    public let directory: URL
    public let repository: GitTestRepository
    public let cluster: KubeSimHarness
    public let configurationPath: String
    public let stateDirectory: String

    public var sim: KubeSim { cluster.sim }
    public var journal: Journal { Journal(directory: stateDirectory) }

    /// Writes the host configuration; the next `start()` reads it, as a restarted daemon would.
    public func configure(_ policy: HostPolicy) throws {
        try """
        source:
          url: \(repository.fileURL)
          branch: \(repository.branch)
          path: \(Self.folder)
          timeout: 20s
        \(policy.verify.map { "  verify: \($0)" } ?? "")
        cluster:
          kubeconfig: \(sim.kubeconfigPath)
          kubectl: /usr/bin/kubectl
          timeout: 60s
        \(policy.yaml)
        stateDir: \(stateDirectory)

        """.write(toFile: configurationPath, atomically: true, encoding: .utf8)
    }

    /// Starts Mooring as the daemon or `mooring sync` does, from the configuration file. Each call is a restart:
    /// the new engine knows only what the state directory holds. Set `MOORING_TEST_LOG=1` to see its log.
    public func start() throws -> SyncEngine {
        let configuration = try MooringConfiguration.load(from: configurationPath)
        let logger =
            ProcessInfo.processInfo.environment["MOORING_TEST_LOG"] == "1"
            ? Logger(label: "mooring", factory: { StreamLogHandler.standardError(label: $0) })
            : Logger(label: "mooring", factory: { _ in SwiftLogNoOpLogHandler() })
        return try SyncEngine(configuration: configuration, logger: logger)
    }

    /// What state.json holds for the (only) target, `default`; throws unless the file is intact.
    public func journalState() throws -> TargetState {
        guard case .intact(let state) = try journal.load() else {
            throw ScenarioError(description: "state.json is not intact")
        }
        return state["default"]
    }

    /// Runs the `mooring` executable as an operator or a cron job does: `arguments`, then `--config` with this
    /// scenario's file; human log lines on standard error.
    public func mooring(_ arguments: String...) async throws -> CommandResult {
        try await MooringBinary.run(
            arguments + ["--config", configurationPath],
            environment: ["MOORING_LOG_FORMAT": "text"]
        )
    }

    /// Writes a file of the deploy folder in the working clone.
    public func write(_ path: String, _ contents: String) throws {
        try repository.write("\(Self.folder)/\(path)", contents)
    }

    /// A file of the deploy folder as the working clone has it.
    public func read(_ path: String) throws -> String {
        try String(contentsOf: repository.work.appendingPathComponent("\(Self.folder)/\(path)"), encoding: .utf8)
    }

    /// Changes a file of the deploy folder in the working clone, as a pull request would: `old` must occur in it.
    public func edit(_ path: String, replacing old: String, with new: String) throws {
        let text = try read(path)
        guard text.contains(old) else { throw ScenarioError(description: "\(path) has no \"\(old)\"") }
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    /// Removes a file of the deploy folder from the working clone.
    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: repository.work.appendingPathComponent("\(Self.folder)/\(path)"))
    }

    /// Commits everything in the working clone and pushes it; returns the commit id.
    @discardableResult
    public func push(_ message: String) async throws -> String {
        try await git { try $0.commitAndPush(message) }
    }

    /// Runs git commands on the repository, off the concurrency pool (they wait for the git CLI).
    public func git<Result: Sendable>(
        _ body: @escaping @Sendable (GitTestRepository) throws -> Result
    ) async throws -> Result {
        let repository = repository
        return try await onOwnThread { try body(repository) }
    }

    /// The stored object, as the API server holds it.
    public func live(_ identity: ObjectIdentity) async -> JSONValue? {
        await sim.object(identity)
    }

    /// Requests that changed, or asked to change, the cluster since the request log was last reset: POST, PUT,
    /// PATCH and DELETE, server-side dry-runs included.
    public func writeCalls() -> [KubeSimRequest] {
        sim.requests().filter(\.isWriteOrDryRun)
    }

    /// `METHOD path` of each write the cluster accepted (dry-runs and refused calls left out), for readable
    /// expectations.
    public func changes() -> [String] {
        sim.requests().filter { $0.isWrite && (200..<300).contains($0.status) }.map { "\($0.method) \($0.path)" }
    }
}

/// Runs `body` in a fresh scenario whose repository holds the repository's example deploy folder (or only the
/// files `files` gives, paths relative to the deploy folder) in one pushed commit.
public func withSyncScenario<Result>(
    _ policy: HostPolicy = HostPolicy(),
    files: [String: String]? = nil,
    _ body: (SyncScenario) async throws -> Result
) async throws -> Result {
    try await withTemporaryDirectory { directory in
        // A daemon's live cache reads through one kubectl proxy, as it does against a real cluster over TLS.
        try await withKubeSim(KubeSimOptions(anonymousUser: .anonymousReader)) { cluster in
            let repository = try await onOwnThread { try GitTestRepository(in: directory) }
            let scenario = SyncScenario(
                directory: directory,
                repository: repository,
                cluster: cluster,
                configurationPath: directory.appendingPathComponent("mooring.yaml").path,
                stateDirectory: directory.appendingPathComponent("state").path
            )
            try scenario.configure(policy)
            for (path, contents) in try files ?? ExampleDeployFolder.files() {
                try scenario.write(path, contents)
            }
            try await scenario.push("first deploy")
            return try await body(scenario)
        }
    }
}

/// `withSyncScenario` once Mooring has deployed the folder: `body` gets the engine that did it and the report of
/// that first sync, which must have applied everything.
public func withDeployedScenario(
    _ policy: HostPolicy = HostPolicy(),
    files: [String: String]? = nil,
    _ body: (SyncScenario, SyncEngine, TargetReport) async throws -> Void
) async throws {
    try await withSyncScenario(policy, files: files) { scenario in
        let engine = try scenario.start()
        let first = await engine.sync()
        try #require(first.target?.outcome == .applied, "\(first.allEvents)")
        try await body(scenario, engine, try #require(first.target))
    }
}
