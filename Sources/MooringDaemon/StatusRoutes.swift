import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The routes of the daemon's HTTP listener: the status page (`/`), the model pages (`/models/…`, see
/// ``ModelPages``), `/status`, `/metrics`, the probes (`/healthz`,
/// `/readyz`) and, with a webhook verifier, `POST /hooks/git`. Built apart from ``StatusServer`` so the routes can
/// be driven in process, without a port.
struct StatusRoutes: Sendable {
    let status: DaemonStatus
    let metrics: DaemonMetrics
    let trigger: SyncTrigger
    let verifier: WebhookVerifier?
    let pages: ModelPages
    let logger: Logger

    /// The routes over `status` and `metrics`; a valid push webhook (only routed when `verifier` is given) requests
    /// a sync from `trigger`.
    init(
        status: DaemonStatus,
        metrics: DaemonMetrics,
        trigger: SyncTrigger,
        verifier: WebhookVerifier?,
        pages: ModelPages,
        logger: Logger
    ) {
        self.status = status
        self.metrics = metrics
        self.trigger = trigger
        self.verifier = verifier
        self.pages = pages
        self.logger = logger
    }

    /// A router answering every route.
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let status = status
        let metrics = metrics
        router.get("/") { _, _ in
            Self.response(.ok, StatusPage.render(await status.document()), type: "text/html; charset=utf-8")
        }
        let pages = pages
        router.get("/models/:target/:namespace/:name") { _, context in
            let path = context.parameters
            let page = await pages.page(
                target: path.get("target") ?? "",
                namespace: path.get("namespace") ?? "",
                name: path.get("name") ?? ""
            )
            return page.map { Self.response(.ok, $0, type: "text/html; charset=utf-8") }
                ?? Self.response(.notFound, "this daemon serves no such model\n")
        }
        router.get("/status") { _, _ in
            Self.response(.ok, Array(try await status.document().json()), type: "application/json")
        }
        router.get("/metrics") { _, _ in
            Self.response(.ok, metrics.exposition(), type: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/healthz") { _, _ in
            await status.isAlive
                ? Self.response(.ok, "ok\n") : Self.response(.serviceUnavailable, "the sync loop has stopped\n")
        }
        router.get("/readyz") { _, _ in
            if let reason = await status.notReady { return Self.response(.serviceUnavailable, reason + "\n") }
            return Self.response(.ok, "ready\n")
        }
        if let verifier {
            let trigger = trigger
            let logger = logger
            router.post("/hooks/git") { request, _ in
                await Self.webhook(request, verifier: verifier, trigger: trigger, logger: logger)
            }
        }
        return router
    }

    /// A push webhook: 202 and a sync as soon as the loop can start one, 401 without a valid signature, 413 for
    /// a body over ``WebhookVerifier/bodyLimit``.
    private static func webhook(
        _ request: Request,
        verifier: WebhookVerifier,
        trigger: SyncTrigger,
        logger: Logger
    ) async -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: WebhookVerifier.bodyLimit)
        } catch {
            return response(.contentTooLarge, "the body is over \(WebhookVerifier.bodyLimit) bytes\n")
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        guard let host = verifier.authenticate(headers: headers, body: Array(body.readableBytesView)) else {
            logger.warning("push webhook refused: no valid signature or token")
            return response(.unauthorized, "no valid X-Hub-Signature-256, X-Gitea-Signature or X-Gitlab-Token\n")
        }
        logger.info("push webhook from \(host.rawValue): sync requested")
        await trigger.request()
        return response(.accepted, "sync requested\n")
    }

    private static func response(_ status: HTTPResponse.Status, _ text: String) -> Response {
        response(status, Array(text.utf8), type: "text/plain; charset=utf-8")
    }

    private static func response(_ status: HTTPResponse.Status, _ text: String, type: String) -> Response {
        response(status, Array(text.utf8), type: type)
    }

    private static func response(_ status: HTTPResponse.Status, _ bytes: [UInt8], type: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: type],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
