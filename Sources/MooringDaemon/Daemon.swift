// Folder MooringDaemon: `mooring run` — the loop, HTTP, status, metrics, systemd.

import Analysis
import Foundation
public import Logging
import ServiceLifecycle
public import Sync
import UnixSignals

/// `mooring run`: the daemon's services under one ServiceGroup, shut down gracefully on SIGTERM or SIGINT.
public enum Daemon {
    /// Runs until a shutdown signal, then returns once the sync in progress has been interrupted and recorded, the
    /// alerts it raised were flushed and the Lease (with leader election) released. Throws `ConfigurationError` before the first sync for
    /// an alert webhook file that cannot be used, and ``DaemonError`` when the HTTP listener cannot start
    /// (`server.listen` in use, an unreadable webhook secret).
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
            journal: Journal(directory: configuration.stateDirectory, history: configuration.history),
            logger: logger
        )
        let alerts = try AlertDispatcher.configured(by: configuration, logger: logger)
        let election = LeaderElector(configuration: configuration, alerts: alerts, syncs: status.syncs, logger: logger)
        let loop = SyncLoop(
            engine: engine,
            interval: configuration.source.pollInterval,
            notifier: SystemdNotifier(environment: ProcessInfo.processInfo.environment),
            status: status,
            trigger: trigger,
            logger: logger,
            alerts: alerts,
            leadership: election?.leadership
        )
        // Live model guardrails, when Prometheus is configured (`analysis.prometheus`).
        let guardrails = configuration.analysis.prometheus.map { prometheus in
            GuardrailLoop(
                engine: engine,
                configuration: configuration,
                runner: CheckRunner(
                    client: PrometheusClient(
                        url: prometheus.url,
                        bearerTokenFile: prometheus.bearerTokenFile,
                        timeout: prometheus.timeout
                    )
                ),
                status: status,
                metrics: metrics,
                alerts: alerts,
                leadership: election?.leadership,
                trigger: trigger,
                logger: logger
            )
        }
        let liveState = LiveStateService(
            engine: engine,
            caches: await LiveStateService.caches(for: configuration, engine: engine, logger: logger),
            trigger: trigger,
            status: status,
            logger: logger
        )
        // Services shut down in reverse order: the guardrails and the loop first (its sync in progress is
        // interrupted), then the live caches stop, the alerts of its last sync are flushed, the listener closes, and
        // only then is the Lease released.
        let services: [any Service] =
            (election.map { [$0] } ?? []) + [server] + (alerts.map { [$0] } ?? []) + [liveState, loop]
            + (guardrails.map { [$0] } ?? [])
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
    }
}
