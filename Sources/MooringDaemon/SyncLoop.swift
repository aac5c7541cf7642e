import Foundation
public import Logging
public import ServiceLifecycle
public import Sync

/// The daemon's heart: a sync every `source.pollInterval` (or sooner, when `trigger` asks) until a graceful
/// shutdown (SIGTERM). The first sync starts once the HTTP listener is up; each report is published to `status`.
///
/// Every sync runs under an overall deadline (``MooringConfiguration/syncDeadline``): past it, the sync is cancelled
/// (a kubectl call in progress is killed with its process group) and recorded as `sync_failed` with reason
/// `deadline`, and its commit waits out a backoff. A graceful shutdown interrupts the sync in progress at once, and
/// it is recorded (reason `shutdown`) before the loop ends. Under systemd's watchdog (`WatchdogSec=`), `WATCHDOG=1`
/// is sent while no sync is past its deadline, so a sync that does not stop when cancelled gets the process restarted.
///
/// With leader election, a sync starts only while this host leads; a standby waits for leadership, and syncs at
/// once when it gets it. Every write of a sync checks the Lease first; losing it abandons the sync in progress,
/// and `leader_lost` names what was left undone.
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
    /// How long one sync may take before it is cancelled.
    let deadline: Duration
    /// Runs one sync: `engine.sync(control:)`, or what a test gives instead.
    let sync: @Sendable (SyncControl) async -> SyncReport

    /// A loop syncing `engine` every `interval`. `deadline` replaces ``MooringConfiguration/syncDeadline`` and
    /// `sync` replaces `engine.sync(control:)`: a test's hung sync.
    public init(
        engine: SyncEngine,
        interval: Duration,
        notifier: SystemdNotifier,
        status: DaemonStatus,
        trigger: SyncTrigger,
        logger: Logger,
        alerts: AlertDispatcher? = nil,
        leadership: Leadership? = nil,
        deadline: Duration? = nil,
        sync: (@Sendable (SyncControl) async -> SyncReport)? = nil
    ) {
        self.engine = engine
        self.interval = interval
        self.notifier = notifier
        self.status = status
        self.trigger = trigger
        self.logger = logger
        self.alerts = alerts
        self.leadership = leadership
        self.deadline = deadline ?? engine.configuration.syncDeadline
        self.sync = sync ?? { [engine] control in await engine.sync(control: control) }
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown { [status] in await status.untilServerListening() }
        // The listener failed (the group is cancelled) or a shutdown came first: nothing was started.
        guard !Task.isShuttingDownGracefully, !Task.isCancelled else { return }
        notifier.notify("READY=1")
        logger.info("syncing every \(interval.components.seconds)s; stop with SIGTERM")
        await withTaskGroup(of: Void.self) { group in
            if let timeout = notifier.watchdogTimeout {
                group.addTask { await pingWatchdog(every: timeout / 2) }
            }
            await loop()
            group.cancelAll()
        }
        await status.stopped()
        notifier.notify("STOPPING=1")
        logger.info("stopped")
    }

    private func loop() async {
        // A failing service cancels the group rather than shutting it down gracefully.
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            if let leadership, !leadership.isLeading {
                notifier.notify("STATUS=\(leadership)")
                do { try await cancelWhenGracefulShutdown { try await leadership.waitUntilLeading() } } catch { break }
                continue
            }
            await status.syncStarted()
            let report = await syncWithinDeadline()
            alerts?.submit(report)
            notifier.notify("STATUS=" + Self.status(of: report))
            await status.record(report, nextSyncAt: Date() + Double(interval / .milliseconds(1)) / 1000)
            // Waits for the next poll or a webhook; a graceful shutdown ends the wait.
            try? await cancelWhenGracefulShutdown { [trigger, interval] in await trigger.wait(upTo: interval) }
        }
    }

    /// One line for `systemctl status`: each target's outcome and the commit it is about.
    static func status(of report: SyncReport) -> String {
        report.targets.map { "\($0.target) \($0.headline)" }.joined(separator: "; ")
    }
}
