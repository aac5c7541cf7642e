import Foundation
public import MooringCore
import Sync
import TestSupport

/// `mooring run` started as systemd would start it, with its own host configuration and state directory, logging
/// JSON lines to a file of its own.
public struct RunningDaemon: Sendable {
    public let configurationPath: String
    public let stateDirectory: String
    public let logPath: String
    private let process: SpawnedProcess

    public init(configurationPath: String, stateDirectory: String, logPath: String) throws {
        self.configurationPath = configurationPath
        self.stateDirectory = stateDirectory
        self.logPath = logPath
        process = try MooringBinary.startDaemon(configurationPath: configurationPath, logPath: logPath)
    }

    /// The log lines written so far (a line still being written is left out).
    public func log() -> [JSONValue] {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONValue.parse(String($0)) }
    }

    /// The log lines with the stable event name `name`.
    public func events(_ name: String) -> [JSONValue] {
        log().filter { $0["event"]?.stringValue == name }
    }

    /// The log lines whose message contains `text`.
    public func messages(containing text: String) -> [String] {
        log().compactMap { $0["message"]?.stringValue }.filter { $0.contains(text) }
    }

    /// Waits until the daemon has raised the event `name` `count` times; returns the last one.
    @discardableResult
    public func waitForEvent(_ name: String, count: Int = 1) async throws -> JSONValue {
        try await waitUntil("\(name) ×\(count) in \(logPath)") { events(name).count >= count }
        return events(name)[count - 1]
    }

    /// The commit its journal says it applied last; `nil` before its first sync wrote the journal.
    public func appliedCommit() throws -> String? {
        guard case .intact(let state) = try Journal(directory: stateDirectory).load() else { return nil }
        return state["default"].lastAppliedCommit
    }

    /// Sends `signal` to the daemon: SIGSTOP pauses it as a long GC pause or a frozen VM would, SIGCONT resumes it.
    public func send(_ signal: Int32) {
        kill(process.pid, signal)
    }

    /// SIGTERM, as systemd stops it; returns the exit status.
    public func stop() async throws -> Int32? {
        let process = process
        return try await onOwnThread { process.stop(grace: .seconds(60)) }
    }
}
