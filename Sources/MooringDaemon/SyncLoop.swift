import Foundation
public import Logging
public import ServiceLifecycle
public import Sync

/// The daemon's heart: a sync every `source.pollInterval` (or sooner, when `trigger` asks) until a graceful
/// shutdown (SIGTERM), which lets the sync in progress finish — a sync killed half-way converges on the next
/// start. The first sync starts once the HTTP listener is up; each report is published to `status`.
public struct SyncLoop: Service {
    let engine: SyncEngine
    let interval: Duration
    let notifier: SystemdNotifier
    let status: DaemonStatus
    let trigger: SyncTrigger
    let logger: Logger

    public init(
        engine: SyncEngine,
        interval: Duration,
        notifier: SystemdNotifier,
        status: DaemonStatus,
        trigger: SyncTrigger,
        logger: Logger
    ) {
        self.engine = engine
        self.interval = interval
        self.notifier = notifier
        self.status = status
        self.trigger = trigger
        self.logger = logger
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown { [status] in await status.untilServerListening() }
        // The listener failed (the group is cancelled) or a shutdown came first: nothing was started.
        guard !Task.isShuttingDownGracefully, !Task.isCancelled else { return }
        notifier.notify("READY=1")
        logger.info("syncing every \(interval.components.seconds)s; stop with SIGTERM")
        // A failing service cancels the group rather than shutting it down gracefully.
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await status.syncStarted()
            let report = await engine.sync()
            notifier.notify("STATUS=" + Self.status(of: report))
            await status.record(report, engine: engine, nextSyncAt: Date() + Double(interval / .milliseconds(1)) / 1000)
            // Waits for the next poll or a webhook; a graceful shutdown ends the wait, not a sync.
            try? await cancelWhenGracefulShutdown { [trigger, interval] in await trigger.wait(upTo: interval) }
        }
        await status.stopped()
        notifier.notify("STOPPING=1")
        logger.info("stopped")
    }

    /// One line for `systemctl status`: each target's outcome and commit.
    static func status(of report: SyncReport) -> String {
        report.targets.map {
            "\($0.target) \($0.outcome.rawValue) at \($0.commit.map { String($0.prefix(12)) } ?? "-")"
        }
        .joined(separator: "; ")
    }
}
