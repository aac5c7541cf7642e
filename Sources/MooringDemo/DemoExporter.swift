import Hummingbird
import KubeSim
import Logging
import Synchronization

/// The serving stack of the story, as Prometheus sees it: `/metrics` on 127.0.0.1 with fraud-detector's error ratio
/// per version — the stable version's steady, the canary's set by the story as it climbs.
final class DemoExporter: Sendable {
    /// The series the canary analysis queries, `{{version}}` filled in by the daemon.
    static let series = "prediction_error_ratio"
    static let stableRatio = 0.003

    private let canaryRatio: Mutex<Double>

    init(canaryRatio: Double) {
        self.canaryRatio = Mutex(canaryRatio)
    }

    /// Sets what the canary's series reads from the next scrape on.
    func setCanaryRatio(_ ratio: Double) {
        canaryRatio.withLock { $0 = ratio }
    }

    /// The exposition Prometheus scrapes.
    var page: String {
        let canary = canaryRatio.withLock { $0 }
        return """
            # TYPE \(Self.series) gauge
            \(Self.series){model="fraud-detector",version="12"} \(Self.stableRatio)
            \(Self.series){model="fraud-detector",version="13"} \(canary)

            """
    }

    /// Serves `/metrics` on a free port of 127.0.0.1 while `body` runs, handing it that port.
    func serving(_ body: (Int) async throws -> Void) async throws {
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        let router = Router()
        router.get("metrics") { _, _ in self.page }
        let quiet = Logger(label: "mooring-demo-exporter", factory: { _ in SwiftLogNoOpLogHandler() })
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { bound.yield($0.localAddress?.port ?? 0) },
            logger: quiet
        )
        let server = HTTPServerTask(app, logger: quiet) { _ in bound.finish() }
        do {
            guard let port = await ports.first(where: { _ in true }), port > 0 else {
                throw DemoError(code: .stepFailed, message: "the demo's exporter could not listen on 127.0.0.1")
            }
            try await body(port)
            await server.stop()
        } catch {
            await server.stop()
            throw error
        }
    }
}
