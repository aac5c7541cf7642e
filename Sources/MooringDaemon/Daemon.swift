import Foundation
public import Logging
import ServiceLifecycle
public import Sync
import UnixSignals

/// `mooring run`: the daemon's services under one ServiceGroup, shut down gracefully on SIGTERM or SIGINT.
public enum Daemon {
    /// Runs until a shutdown signal, then returns once the sync in progress has finished and the alerts it raised
    /// were flushed. A webhook file that cannot be used throws `ConfigurationError` before the first sync.
    public static func run(engine: SyncEngine, configuration: MooringConfiguration, logger: Logger) async throws {
        let alerts = try AlertDispatcher.configured(by: configuration, logger: logger)
        let election = LeaderElector(configuration: configuration, alerts: alerts, logger: logger)
        let loop = SyncLoop(
            engine: engine,
            interval: configuration.source.pollInterval,
            notifier: SystemdNotifier(environment: ProcessInfo.processInfo.environment),
            logger: logger,
            alerts: alerts,
            leadership: election?.leadership
        )
        // Services shut down in reverse order: the loop first (its sync in progress finishes), then the alerts of
        // its last sync are flushed, and only then is the Lease released.
        let services: [any Service] = (election.map { [$0] } ?? []) + (alerts.map { [$0] } ?? []) + [loop]
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
    }
}
