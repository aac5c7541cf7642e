public import Logging
public import ServiceLifecycle
public import Sync

/// The daemon's heart: a sync every `source.pollInterval` until a graceful shutdown (SIGTERM),
/// which lets the sync in progress finish — a sync killed half-way converges on the next start.
///
/// With leader election, a sync starts only while this host leads; a standby waits for leadership, and syncs at
/// once when it gets it. Leadership lost during a sync does not interrupt that sync: it stops the next one.
public struct SyncLoop: Service {
    let engine: SyncEngine
    let interval: Duration
    let notifier: SystemdNotifier
    let logger: Logger
    /// Where each report's events go besides the log; `submit` only queues, so a slow receiver never slows a sync.
    let alerts: AlertDispatcher?
    /// Whether this host may sync, with leader election; `nil` without.
    let leadership: Leadership?

    public init(
        engine: SyncEngine,
        interval: Duration,
        notifier: SystemdNotifier,
        logger: Logger,
        alerts: AlertDispatcher? = nil,
        leadership: Leadership? = nil
    ) {
        self.engine = engine
        self.interval = interval
        self.notifier = notifier
        self.logger = logger
        self.alerts = alerts
        self.leadership = leadership
    }

    public func run() async throws {
        notifier.notify("READY=1")
        logger.info("syncing every \(interval.components.seconds)s; stop with SIGTERM")
        while !Task.isShuttingDownGracefully {
            if let leadership, !leadership.isLeading {
                notifier.notify("STATUS=\(leadership)")
                do { try await cancelWhenGracefulShutdown { try await leadership.waitUntilLeading() } } catch { break }
                continue
            }
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
