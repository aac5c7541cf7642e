import ArgumentParser
import Foundation
import Logging
import MooringDaemon
import Sync

/// `mooring run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: sync every source.pollInterval until SIGTERM.",
        discussion: """
            Under systemd (Type=notify) Mooring reports READY, a STATUS line after each sync and \
            STOPPING; its log lines are JSON with a stable `event` field for alerts. With \
            alerts.webhookUrlFile, each sync's events are also posted to that webhook. SIGTERM or SIGINT \
            lets the sync in progress finish and its alerts be sent (for up to 5s), then exits 0.
            """
    )

    @OptionGroup var options: ConfigurationOption

    @Flag(name: .shortAndLong, help: "Log every kubectl and git call.")
    var verbose = false

    func run() async throws {
        ConsoleLogHandler.bootstrap(level: verbose ? .debug : .info)
        let configuration = try options.loadConfiguration()
        let engine = try await SyncEngine.open(configuration, showProgress: false)
        do {
            try await Daemon.run(
                engine: engine,
                configuration: configuration,
                logger: Logger(label: "mooring"),
                metrics: .bootstrapped()
            )
        } catch let error as ConfigurationError {
            throw CommandFailure.configuration(error)
        } catch let error as DaemonError {
            throw CommandFailure.runtime(error.message)
        }
    }
}
