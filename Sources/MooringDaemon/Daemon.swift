import Foundation
public import Logging
import ServiceLifecycle
public import Sync
import UnixSignals

/// `mooring run`: the daemon's services under one ServiceGroup, shut down gracefully on SIGTERM or SIGINT.
public enum Daemon {
    /// Runs until a shutdown signal, then returns once the sync in progress has finished.
    public static func run(engine: SyncEngine, configuration: MooringConfiguration, logger: Logger) async throws {
        let election = LeaderElector(configuration: configuration, logger: logger)
        let loop = SyncLoop(
            engine: engine,
            interval: configuration.source.pollInterval,
            notifier: SystemdNotifier(environment: ProcessInfo.processInfo.environment),
            logger: logger,
            leadership: election?.leadership
        )
        // The elector comes first: a graceful shutdown stops services in reverse order, so the Lease is released
        // only once the sync in progress has finished.
        let services: [any Service] = (election.map { [$0] } ?? []) + [loop]
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
    }
}
