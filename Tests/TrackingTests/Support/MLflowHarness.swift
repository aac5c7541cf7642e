import Foundation
import TestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

#if canImport(Glibc)
import Glibc
#endif

/// One real MLflow tracking server for the whole test process (it takes a while to start), on a free
/// 127.0.0.1 port with a SQLite store and a local artifact root, and the runs that `mlflow_fixture.py` logs
/// to it through MLflow's own client. The server and its folder go when the test process does: a watcher
/// shell started with it ends the server's process group and removes the folder once the tests exit.
struct MLflowHarness: Sendable {
    /// The run ids the fixture logged.
    struct Runs: Decodable, Sendable {
        struct Registered: Decodable, Sendable {
            var name: String
            var version: String
            var run: String
        }

        /// A run with a logged model, auc 0.93 (0.88 at step 0).
        var run: String
        /// A run whose model is registered as `fraud-detector` version 1, auc 0.95.
        var registered: Registered
        /// A run that logged no model.
        var bare: String
        /// A version registered from `s3://` storage (with `run` as its run): no digest can be had.
        var remote: Registered
    }

    let url: String
    let runs: Runs
    let folder: String
    /// The watcher shell; held for the life of the test process.
    let watcher: SpawnedProcess

    /// Whether `mlflow` is installed (`scripts/bootstrap` installs it from PyPI).
    static let isInstalled: Bool = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/mlflow") }
    }()

    /// The server, started on first use.
    static let shared = Task<MLflowHarness, any Error> { try await start() }

    /// A script beside this file.
    static func support(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(name).path
    }

    private static func start() async throws -> MLflowHarness {
        let directory = try TemporaryDirectory(prefix: "mooring-mlflow")
        let port = try freeLoopbackPort()
        let url = "http://127.0.0.1:\(port)"
        // The watcher and the server each get a session of their own (setsid), so nothing that ends this process
        // group ends the watcher before it has ended the server's group and removed the folder. Without its job
        // runner (server-side jobs the tests never start): MLflow 3 otherwise starts nine more Python processes,
        // each importing MLflow, some 30 s of CPU.
        let watcher = """
            parent=$1 folder=$2 port=$3
            MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false setsid mlflow server --backend-store-uri "sqlite:///$folder/mlflow.db" \
              --default-artifact-root "$folder/artifacts" --host 127.0.0.1 --port "$port" --workers 1 &
            server=$!
            cleanup() {
              kill -TERM "-$server" 2>/dev/null
              for _ in 1 2 3 4 5 6; do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
              kill -KILL "-$server" 2>/dev/null
              rm -rf "$folder"
              exit 0
            }
            trap cleanup TERM INT HUP
            while kill -0 "$parent" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 1; done
            cleanup
            """
        let process = try SpawnedProcess(
            ["setsid", "sh", "-c", watcher, "mlflow-watcher", String(getpid()), directory.url.path, String(port)],
            logFile: directory.path("server.log")
        )
        do {
            try await waitUntil("the MLflow server at \(url)/health", timeout: .seconds(300), every: .milliseconds(500))
            {
                guard process.isRunning else { throw HarnessError("the MLflow server exited") }
                return await isHealthy(url)
            }
        } catch {
            let log = (try? String(contentsOfFile: directory.path("server.log"), encoding: .utf8)) ?? ""
            throw HarnessError("\(error); server log:\n\(log.suffix(3000))")
        }
        let output = directory.path("runs.json")
        _ = try await onOwnThread { try run(["python3", support("mlflow_fixture.py"), url, output]) }
        let runs = try JSONDecoder().decode(Runs.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
        return MLflowHarness(url: url, runs: runs, folder: directory.url.path, watcher: process)
    }

    /// Whether `GET url/health` answers 200.
    static func isHealthy(_ url: String) async -> Bool {
        guard let endpoint = URL(string: url + "/health") else { return false }
        let answer = try? await URLSession.shared.data(for: URLRequest(url: endpoint, timeoutInterval: 5))
        return (answer?.1 as? HTTPURLResponse)?.statusCode == 200
    }
}

/// A test fixture that could not be set up.
struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
