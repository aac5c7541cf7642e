import Foundation
public import Logging
import ServiceLifecycle
public import Sync
import UnixSignals

/// `mooring run`: the daemon's services under one ServiceGroup, shut down gracefully on SIGTERM or SIGINT.
public enum Daemon {
    /// Runs until a shutdown signal, then returns once the sync in progress has finished. Throws a
    /// ``DaemonError`` when the HTTP listener cannot start (`server.listen` in use, an unreadable webhook secret).
    public static func run(
        engine: SyncEngine,
        configuration: MooringConfiguration,
        logger: Logger,
        metrics: DaemonMetrics = DaemonMetrics()
    ) async throws {
        let status = DaemonStatus(targets: configuration.targets.map(\.name), metrics: metrics)
        let trigger = SyncTrigger()
        let server = try StatusServer(
            settings: configuration.server,
            status: status,
            metrics: metrics,
            trigger: trigger,
            logger: logger
        )
        let loop = SyncLoop(
            engine: engine,
            interval: configuration.source.pollInterval,
            notifier: SystemdNotifier(environment: ProcessInfo.processInfo.environment),
            status: status,
            trigger: trigger,
            logger: logger
        )
        let group = ServiceGroup(
            configuration: .init(
                services: [server, loop],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }
}
