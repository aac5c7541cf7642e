import ArgumentParser
import Logging
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
            """
    )

    @OptionGroup var options: ConfigurationOption

    @Flag(help: "Show what would change; change nothing.")
    var dryRun = false

    @Flag(name: .shortAndLong, help: "Log every kubectl and git call.")
    var verbose = false

    func run() async throws {
        ConsoleLogHandler.bootstrap(level: verbose ? .debug : .info)
        let configuration = try options.loadConfiguration()
        let engine = try await SyncEngine.open(configuration)
        let report = await engine.sync(dryRun: dryRun, ignoringBackoff: true)
        for target in report.targets {
            print(dryRun ? PlanText.lines(for: target).joined(separator: "\n") : SyncSummary.line(for: target))
        }
        if report.isFailure { throw ExitCode(1) }
    }
}
