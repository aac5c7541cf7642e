public import Foundation

/// The `mooring` executable built with the running tests, as they run it: the one place that finds it and starts it.
public enum MooringBinary {
    /// Where the built executable is.
    public static var path: String { builtProductPath("mooring") }

    /// Runs `mooring` with `arguments` to completion on a thread of its own (it may talk to a server in this
    /// process) and returns its output; never throws on a non-zero exit, so tests can assert on failures.
    public static func run(
        _ arguments: [String],
        in directory: URL? = nil,
        environment: [String: String] = [:]
    ) async throws -> CommandResult {
        let argv = [path] + arguments
        return try await onOwnThread {
            try TestSupport.run(argv, in: directory, environment: environment, check: false)
        }
    }

    /// Starts `mooring` with `arguments` in the background, its output appended to `logPath` (`environment` adds
    /// to, or overrides, this process's environment). Stop it with `SpawnedProcess.stop`.
    public static func start(
        _ arguments: [String],
        logPath: String,
        environment: [String: String] = [:]
    ) throws -> SpawnedProcess {
        try SpawnedProcess([path] + arguments, logFile: logPath, environment: environment)
    }

    /// Starts `mooring run --config configurationPath` with `arguments`, logging JSON lines to `logPath` unless
    /// `environment` says otherwise.
    public static func startDaemon(
        configurationPath: String,
        logPath: String,
        arguments: [String] = [],
        environment: [String: String] = [:]
    ) throws -> SpawnedProcess {
        try start(
            ["run", "--config", configurationPath] + arguments,
            logPath: logPath,
            environment: ["MOORING_LOG_FORMAT": "json"].merging(environment) { _, given in given }
        )
    }
}
