import Foundation
import Hummingbird
public import Logging
import NIOCore
import NIOPosix
public import ServiceLifecycle
public import Sync

/// The daemon's HTTP listener at `server.listen`, answering ``StatusRoutes`` (`POST /hooks/git` when
/// `server.webhookSecretFile` is set). Runs until a graceful shutdown; a listen address that cannot be bound ends
/// it with a ``DaemonError`` naming the address.
public struct StatusServer: Service {
    let settings: ServerSettings
    let status: DaemonStatus
    let routes: StatusRoutes
    let logger: Logger

    /// Reads the webhook secret, if one is configured; throws when it cannot be used. The model pages draw their
    /// timelines from `journal`'s history.
    public init(
        settings: ServerSettings,
        status: DaemonStatus,
        metrics: DaemonMetrics,
        trigger: SyncTrigger,
        journal: Journal? = nil,
        logger: Logger
    ) throws(DaemonError) {
        self.settings = settings
        self.status = status
        self.routes = StatusRoutes(
            status: status,
            metrics: metrics,
            trigger: trigger,
            verifier: try settings.webhookSecretFile.map { file throws(DaemonError) in
                try WebhookVerifier(secretFile: file)
            },
            pages: ModelPages(status: status, journal: journal),
            logger: logger
        )
        self.logger = logger
    }

    public func run() async throws {
        var quiet = logger
        quiet.logLevel = .warning
        let status = status
        let logger = logger
        let address = "\(settings.host):\(settings.port)"
        let app = Application(
            router: routes.router(),
            configuration: ApplicationConfiguration(
                address: .hostname(settings.host, port: settings.port),
                serverName: nil
            ),
            onServerRunning: { _ in
                logger.info("status page, /status, /metrics, /healthz and /readyz on http://\(address)")
                status.serverListening()
            },
            logger: quiet
        )
        do {
            try await app.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw DaemonError(
                code: .listen,
                message: "cannot listen on \(address) (server.listen): the address is in use by another process; "
                    + "stop it or set server.listen to a free address"
            )
        } catch {
            throw DaemonError(code: .listen, message: "cannot listen on \(address) (server.listen): \(error)")
        }
    }
}
