import Foundation
import KubeSim
import MooringCore
import TestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One live-guardrails scenario: a real Prometheus scraping a test exporter, KubeSim with the real kubectl, a git
/// repository holding the repository's example deploy folder with the analysis and monitors the test gives, and
/// `mooring run` processes pointed at all three (inventory and guardrail state in `mooring-system`).
struct GuardrailScenario: Sendable {
    static let folder = "deploy-manifests"
    static let stateNamespace = "mooring-system"

    let directory: URL
    let repository: GitTestRepository
    let cluster: KubeSimHarness
    let prometheus: PrometheusServer
    let exporter: MetricsExporter

    /// The example folder's files, by path inside the deploy folder.
    static func exampleFiles() throws -> [String: String] {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(folder)
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let file = enumerator?.nextObject() as? URL {
            guard try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let relative = String(file.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            files[relative] = try String(contentsOf: file, encoding: .utf8)
        }
        return files
    }

    /// Writes `contents` under the deploy folder of the working clone.
    func write(_ path: String, _ contents: String) throws {
        try repository.write("\(Self.folder)/\(path)", contents)
    }

    /// Appends YAML to a file of the deploy folder (an `analysis:` block under `spec:`).
    func append(_ path: String, _ yaml: String) throws {
        let file = repository.work.appendingPathComponent("\(Self.folder)/\(path)").path
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try write(path, text + yaml)
    }

    /// Commits and pushes the working clone.
    @discardableResult
    func push(_ message: String) async throws -> String {
        let repository = repository
        return try await onOwnThread { try repository.commitAndPush(message) }
    }

    /// Starts `mooring run` as the host `name` (own state directory, log and listener), polling every second.
    func startDaemon(_ name: String, leaderElection: String? = nil) throws -> GuardrailDaemon {
        let state = directory.appendingPathComponent("\(name)-state").path
        let port = try freeLoopbackPort()
        let election = leaderElection.map { "leaderElection: \($0)\n" } ?? ""
        let configuration = """
            source:
              url: \(repository.fileURL)
              branch: \(repository.branch)
              path: \(Self.folder)
              pollInterval: 1s
              timeout: 20s
            cluster:
              kubeconfig: \(cluster.sim.kubeconfigPath)
              kubectl: /usr/bin/kubectl
              timeout: 60s
            inventory: {namespace: \(Self.stateNamespace)}
            analysis:
              prometheus: {url: "\(prometheus.url.absoluteString)", timeout: 5s}
            server: {listen: "127.0.0.1:\(port)"}
            stateDir: \(state)

            """ + election
        let path = directory.appendingPathComponent("\(name).yaml").path
        try configuration.write(toFile: path, atomically: true, encoding: .utf8)
        return try GuardrailDaemon(
            configurationPath: path,
            logPath: directory.appendingPathComponent("\(name).log").path,
            port: port
        )
    }

    /// Runs `body` with a daemon started as ``startDaemon(_:leaderElection:)``, and stops it (SIGTERM) afterwards,
    /// whatever happens, before the scenario's servers go away under it.
    func withDaemon(
        _ name: String,
        leaderElection: String? = nil,
        _ body: (GuardrailDaemon) async throws -> Void
    ) async throws {
        let daemon = try startDaemon(name, leaderElection: leaderElection)
        do {
            try await body(daemon)
        } catch {
            _ = try? await daemon.stop()
            throw error
        }
        _ = try? await daemon.stop()
    }

    /// The live object `kind name` in ml-prod, as kubectl shows it.
    func live(_ kind: String, _ name: String) async throws -> JSONValue {
        try await cluster.getJSON([kind, name, "-n", "ml-prod"])
    }

    /// The daemon's guardrail state as kept in the cluster (`data.state` of the analysis ConfigMap, parsed).
    func keptState() async throws -> JSONValue? {
        let result = try await cluster.kubectl([
            "get", "configmap", "mooring-analysis-default", "-n", Self.stateNamespace, "-o", "json",
        ])
        guard result.status == 0, let text = try JSONValue.parse(result.stdout)["data"]?["state"]?.stringValue
        else { return nil }
        return try JSONValue.parse(text)
    }
}

/// Runs `body` in a fresh scenario: Prometheus and its exporter, KubeSim with `mooring-system`, and a repository
/// holding the example deploy folder changed by `prepare` in one pushed commit. Everything is stopped afterwards.
func withGuardrailScenario(
    prepare: (GuardrailScenario) throws -> Void,
    _ body: (GuardrailScenario) async throws -> Void
) async throws {
    try await withTemporaryDirectory { directory in
        try await withPrometheus { prometheus, exporter in
            try await withKubeSim { cluster in
                let repository = try await onOwnThread { try GitTestRepository(in: directory) }
                let scenario = GuardrailScenario(
                    directory: directory,
                    repository: repository,
                    cluster: cluster,
                    prometheus: prometheus,
                    exporter: exporter
                )
                for (path, contents) in try GuardrailScenario.exampleFiles() {
                    try scenario.write(path, contents)
                }
                try prepare(scenario)
                try await scenario.push("first deploy")
                let namespace =
                    "apiVersion: v1\nkind: Namespace\nmetadata: {name: \(GuardrailScenario.stateNamespace)}\n"
                try await cluster.kubectlOK(["apply", "--server-side", "-f", "-"], input: namespace)
                try await body(scenario)
            }
        }
    }
}
