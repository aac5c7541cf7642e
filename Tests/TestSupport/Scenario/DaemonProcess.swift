import Foundation
public import MooringDaemon
public import TestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `mooring run` as a process on a scenario, with its HTTP listener on a free loopback port; its log is in
/// `daemon.log` in the scenario's folder.
public struct DaemonProcess: Sendable {
    public let process: SpawnedProcess
    public let baseURL: String
    public let logPath: String

    /// An HTTP answer.
    public struct Answer: Sendable {
        public var status: Int
        public var body: String
    }

    /// Adds `source.pollInterval` and a `server` section (with a webhook secret file when `webhookSecret` is
    /// given) to the scenario's configuration, starts the daemon and returns once it answers `/healthz`.
    public static func start(
        _ scenario: SyncScenario,
        pollInterval: String = "1h",
        webhookSecret: String? = nil
    ) async throws -> DaemonProcess {
        let port = try freeLoopbackPort()
        var server = "server:\n  listen: 127.0.0.1:\(port)\n"
        if let webhookSecret {
            let file = scenario.directory.appendingPathComponent("webhook-secret").path
            try (webhookSecret + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            server += "  webhookSecretFile: \(file)\n"
        }
        try configure(scenario) {
            $0.replacingOccurrences(of: "\ncluster:", with: "\n  pollInterval: \(pollInterval)\ncluster:") + server
        }
        return try await launch(
            configurationPath: scenario.configurationPath,
            baseURL: "http://127.0.0.1:\(port)",
            logPath: scenario.directory.appendingPathComponent("daemon.log").path
        )
    }

    /// The daemon started again on the same configuration (after `stop()`), logging to `daemon-2.log`.
    public func restarted(_ scenario: SyncScenario) async throws -> DaemonProcess {
        try await Self.launch(
            configurationPath: scenario.configurationPath,
            baseURL: baseURL,
            logPath: scenario.directory.appendingPathComponent("daemon-2.log").path
        )
    }

    /// Starts `mooring run` and returns once it answers `/healthz` at `baseURL`.
    private static func launch(
        configurationPath: String,
        baseURL: String,
        logPath: String
    ) async throws -> DaemonProcess {
        let daemon = DaemonProcess(
            process: try MooringBinary.startDaemon(configurationPath: configurationPath, logPath: logPath),
            baseURL: baseURL,
            logPath: logPath
        )
        try await waitUntil("the daemon answers /healthz") {
            guard daemon.process.isRunning else { throw DaemonExited(log: daemon.log) }
            return (try? await daemon.get("/healthz"))?.status == 200
        }
        return daemon
    }

    /// Rewrites the scenario's configuration file through `change`.
    public static func configure(_ scenario: SyncScenario, _ change: (String) -> String) throws {
        let text = try String(contentsOfFile: scenario.configurationPath, encoding: .utf8)
        try change(text).write(toFile: scenario.configurationPath, atomically: true, encoding: .utf8)
    }

    public func get(_ path: String) async throws -> Answer {
        try await send(URLRequest(url: url(path)))
    }

    public func post(_ path: String, body: String, headers: [String: String] = [:]) async throws -> Answer {
        var request = URLRequest(url: try url(path))
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        return try await send(request)
    }

    /// `GET /status`, decoded.
    public func status() async throws -> StatusDocument {
        let answer = try await get("/status")
        return try StatusDocument(json: Data(answer.body.utf8))
    }

    /// Waits until the daemon's first sync has finished.
    public func waitUntilReady() async throws {
        try await waitUntil("the daemon is ready") { try await get("/readyz").status == 200 }
    }

    /// Stops the daemon with SIGTERM; its exit code.
    public func stop() async throws -> Int32? {
        let process = process
        return try await onOwnThread { process.stop(grace: .seconds(60)) }
    }

    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    private func url(_ path: String) throws -> URL {
        guard let url = URL(string: baseURL + path) else { throw ScenarioError(description: "bad path \(path)") }
        return url
    }

    private func send(_ request: URLRequest) async throws -> Answer {
        var request = request
        request.timeoutInterval = 30
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return Answer(status: status, body: String(decoding: data, as: UTF8.self))
    }
}

/// The daemon exited while a test waited for it.
public struct DaemonExited: Error, CustomStringConvertible {
    public var log: String
    public var description: String { "mooring run exited; its log:\n\(log)" }
}
