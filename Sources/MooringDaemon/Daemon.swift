import Foundation
public import Logging
import ServiceLifecycle
public import Sync
import UnixSignals

/// `mooring run`: the daemon's services under one ServiceGroup, shut down gracefully on SIGTERM or SIGINT.
public enum Daemon {
    /// Runs until a shutdown signal, then returns once the sync in progress has finished.
    public static func run(engine: SyncEngine, configuration: MooringConfiguration, logger: Logger) async throws {
        let loop = SyncLoop(
            engine: engine,
            interval: configuration.source.pollInterval,
            notifier: SystemdNotifier(environment: ProcessInfo.processInfo.environment),
            logger: logger
        )
        let group = ServiceGroup(
            configuration: .init(services: [loop], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
    }
}
