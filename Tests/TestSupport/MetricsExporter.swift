public import Foundation
import Hummingbird
import KubeSim
import Logging
import Synchronization

/// A tiny Prometheus exporter on 127.0.0.1 for tests: it serves `/metrics` in the text format with the series and
/// values the test sets, so a real Prometheus scraping it sees exactly what the scenario needs.
public final class MetricsExporter: Sendable {
    public let port: Int
    private let series = Mutex<[String: Double]>([:])
    private let serverTask: HTTPServerTask

    private init(port: Int, task: HTTPServerTask) {
        self.port = port
        serverTask = task
    }

    /// `127.0.0.1:<port>`, as a scrape target.
    public var target: String { "127.0.0.1:\(port)" }

    /// Sets one series, written as Prometheus does: `name{label="value"}`; NaN and infinities are allowed.
    public func set(_ series: String, _ value: Double) {
        self.series.withLock { $0[series] = value }
    }

    /// Stops serving a series: the next scrapes lack it, and Prometheus marks it stale.
    public func remove(_ series: String) {
        _ = self.series.withLock { $0.removeValue(forKey: series) }
    }

    /// The page `/metrics` serves now.
    public var page: String {
        series.withLock { series in
            series.keys.sorted().map { key in
                let value = series[key] ?? 0
                let text = value.isNaN ? "NaN" : value.isInfinite ? (value > 0 ? "+Inf" : "-Inf") : "\(value)"
                return "\(key) \(text)\n"
            }.joined()
        }
    }

    /// Starts serving; stop it with ``stop()``.
    public static func start() async throws -> MetricsExporter {
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "metrics-exporter")
        logger.logLevel = .critical
        let exporter = Box()
        let router = Router()
        router.get("metrics") { _, _ -> Response in
            let page = exporter.value?.page ?? ""
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
        }
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                bound.yield(channel.localAddress?.port ?? 0)
                bound.finish()
            },
            logger: logger
        )
        let task = HTTPServerTask(app, logger: logger) { _ in bound.finish() }
        guard let port = await ports.first(where: { _ in true }), port > 0 else {
            await task.stop()
            throw POSIXError(.EADDRNOTAVAIL)
        }
        let started = MetricsExporter(port: port, task: task)
        exporter.set(started)
        return started
    }

    /// Stops listening.
    public func stop() async {
        await serverTask.stop()
    }

    /// The exporter, handed to the route once it exists.
    private final class Box: Sendable {
        private let stored = Mutex<MetricsExporter?>(nil)
        var value: MetricsExporter? { stored.withLock { $0 } }
        func set(_ exporter: MetricsExporter) { stored.withLock { $0 = exporter } }
    }
}
