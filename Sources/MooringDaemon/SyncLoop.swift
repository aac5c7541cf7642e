public import Logging
public import ServiceLifecycle
public import Sync

/// The daemon's heart: a sync every `source.pollInterval` until a graceful shutdown (SIGTERM),
/// which lets the sync in progress finish — a sync killed half-way converges on the next start.
public struct SyncLoop: Service {
    let engine: SyncEngine
    let interval: Duration
    let notifier: SystemdNotifier
    let logger: Logger
    /// Where each report's events go besides the log; `submit` only queues, so a slow receiver never slows a sync.
    let alerts: AlertDispatcher?

    public init(
        engine: SyncEngine,
        interval: Duration,
        notifier: SystemdNotifier,
        logger: Logger,
        alerts: AlertDispatcher? = nil
    ) {
        self.engine = engine
        self.interval = interval
        self.notifier = notifier
        self.logger = logger
        self.alerts = alerts
    }

    public func run() async throws {
        notifier.notify("READY=1")
        logger.info("syncing every \(interval.components.seconds)s; stop with SIGTERM")
        while !Task.isShuttingDownGracefully {
            let report = await engine.sync()
            alerts?.submit(report)
            notifier.notify("STATUS=" + Self.status(of: report))
            // Sleeps until the next poll; a graceful shutdown ends the sleep, not a sync.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
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
