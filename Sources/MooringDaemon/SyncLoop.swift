import Foundation
public import Logging
public import ServiceLifecycle
public import Sync

/// The daemon's heart: a sync every `source.pollInterval` (or sooner, when `trigger` asks) until a graceful
/// shutdown (SIGTERM), which lets the sync in progress finish — a sync killed half-way converges on the next
/// start. The first sync starts once the HTTP listener is up; each report is published to `status`.
///
/// With leader election, a sync starts only while this host leads; a standby waits for leadership, and syncs at
/// once when it gets it. Leadership lost during a sync does not interrupt that sync: it stops the next one.
public struct SyncLoop: Service {
    let engine: SyncEngine
    let interval: Duration
    let notifier: SystemdNotifier
    let status: DaemonStatus
    let trigger: SyncTrigger
    let logger: Logger
    /// Where each report's events go besides the log; `submit` only queues, so a slow receiver never slows a sync.
    let alerts: AlertDispatcher?
    /// Whether this host may sync, with leader election; `nil` without.
    let leadership: Leadership?

    public init(
        engine: SyncEngine,
        interval: Duration,
        notifier: SystemdNotifier,
        status: DaemonStatus,
        trigger: SyncTrigger,
        logger: Logger,
        alerts: AlertDispatcher? = nil,
        leadership: Leadership? = nil
    ) {
        self.engine = engine
        self.interval = interval
        self.notifier = notifier
        self.status = status
        self.trigger = trigger
        self.logger = logger
        self.alerts = alerts
        self.leadership = leadership
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown { [status] in await status.untilServerListening() }
        // The listener failed (the group is cancelled) or a shutdown came first: nothing was started.
        guard !Task.isShuttingDownGracefully, !Task.isCancelled else { return }
        notifier.notify("READY=1")
        logger.info("syncing every \(interval.components.seconds)s; stop with SIGTERM")
        // A failing service cancels the group rather than shutting it down gracefully.
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            if let leadership, !leadership.isLeading {
                notifier.notify("STATUS=\(leadership)")
                do { try await cancelWhenGracefulShutdown { try await leadership.waitUntilLeading() } } catch { break }
                continue
            }
            await status.syncStarted()
            let report = await engine.sync()
            alerts?.submit(report)
            notifier.notify("STATUS=" + Self.status(of: report))
            await status.record(report, engine: engine, nextSyncAt: Date() + Double(interval / .milliseconds(1)) / 1000)
            // Waits for the next poll or a webhook; a graceful shutdown ends the wait, not a sync.
            try? await cancelWhenGracefulShutdown { [trigger, interval] in await trigger.wait(upTo: interval) }
        }
        await status.stopped()
        notifier.notify("STOPPING=1")
        logger.info("stopped")
    }

    /// One line for `systemctl status`: each target's outcome and the commit it is about.
    static func status(of report: SyncReport) -> String {
        report.targets.map { "\($0.target) \($0.headline)" }.joined(separator: "; ")
    }
}
