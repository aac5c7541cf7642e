import Foundation
import MooringCore
import TestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `mooring run` process of a guardrail scenario: its JSON log and its `/status`.
final class GuardrailDaemon: Sendable {
    let logPath: String
    let port: Int
    private let process: SpawnedProcess

    init(configurationPath: String, logPath: String, port: Int) throws {
        self.logPath = logPath
        self.port = port
        process = try SpawnedProcess(
            [builtProductPath("mooring"), "run", "--config", configurationPath],
            logFile: logPath,
            environment: ["MOORING_LOG_FORMAT": "json"]
        )
    }

    /// The log lines with the stable event name `name`.
    func events(_ name: String) -> [JSONValue] {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONValue.parse(String($0)) }
            .filter { $0["event"]?.stringValue == name }
    }

    /// `/status`, parsed; `nil` while the listener is not up.
    func status() async -> JSONValue? {
        guard let url = URL(string: "http://127.0.0.1:\(port)/status"),
            let (data, _) = try? await URLSession.shared.data(from: url)
        else { return nil }
        return try? JSONValue.parse(Array(data))
    }

    /// The `models[]` entry of `model` in the first target of `/status`.
    func model(_ model: String) async -> JSONValue? {
        await status()?["targets"]?.arrayValue?.first?["models"]?.arrayValue?.first { $0["name"]?.stringValue == model }
    }

    /// `/metrics` as text.
    func metrics() async -> String {
        guard let url = URL(string: "http://127.0.0.1:\(port)/metrics"),
            let (data, _) = try? await URLSession.shared.data(from: url)
        else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// How many syncs it has finished (`mooring_sync_total`, every target and result).
    func syncs() async -> Int {
        await metrics().split(separator: "\n").filter { $0.hasPrefix("mooring_sync_total{") }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            .reduce(0) { $0 + Int($1) }
    }

    /// SIGTERM, as systemd stops it; returns the exit status.
    @discardableResult
    func stop() async throws -> Int32? {
        let process = process
        return try await onOwnThread { process.stop(grace: .seconds(60)) }
    }
}

extension GuardrailDaemon {
    /// Waits until the daemon has raised the event `name` `count` times; returns the last one.
    @discardableResult
    func waitForEvent(_ name: String, count: Int = 1) async throws -> JSONValue {
        try await waitUntil("\(name) ×\(count) in \(logPath)", timeout: .seconds(180)) { events(name).count >= count }
        return events(name)[count - 1]
    }
}
