import ArgumentParser
import Logging
import MooringDaemon
import Sync

/// `mooring sync`: one full sync, then exit.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Run one full sync: fetch, verify, validate, plan, apply, prune, check health, record.",
        discussion: """
            Exit status: 0 in sync or applied (drift left alone under `drift: alert` included), \
            1 failed, refused or not healthy, 2 configuration error. A commit that failed is retried at \
            once here (the daemon waits out a backoff first).
            With --dry-run, every check runs (server-side dry-runs included) and nothing changes.
            With alerts.webhookUrlFile configured, the sync's events are posted to that webhook before exiting \
            (for up to \(Self.alertTimeout.components.seconds)s; an alert not delivered is a warning on stderr \
            and leaves the exit status alone), unless --no-alerts or --dry-run is given.
            """
    )

    @OptionGroup var options: ConfigurationOption

    @Flag(help: "Show what would change; change nothing.")
    var dryRun = false

    @Flag(help: "Do not post this sync's events to the alert webhook.")
    var noAlerts = false

    @Flag(name: .shortAndLong, help: "Log every kubectl and git call.")
    var verbose = false

    /// The longest `mooring sync` waits for its alerts to be delivered before it exits.
    static let alertTimeout: Duration = .seconds(15)

    func run() async throws {
        ConsoleLogHandler.bootstrap(level: verbose ? .debug : .info)
        let configuration = try options.loadConfiguration()
        let alerts: AlertDispatcher?
        do {
            alerts =
                noAlerts || dryRun
                ? nil
                : try AlertDispatcher.configured(
                    by: configuration,
                    tracksConditions: false,
                    logger: Logger(label: "mooring.alerts")
                )
        } catch {
            throw CommandFailure.configuration(error)
        }
        let engine = try await SyncEngine.open(configuration)
        let report = await engine.sync(dryRun ? .dryRun : .apply, ignoringBackoff: true)
        for target in report.targets {
            print(dryRun ? PlanText.lines(for: target).joined(separator: "\n") : SyncSummary.line(for: target))
        }
        if let alerts {
            alerts.submit(report)
            await alerts.deliverSubmitted(within: Self.alertTimeout)
        }
        if report.isFailure { throw ExitCode(1) }
    }
}
