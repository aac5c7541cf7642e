public import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real Prometheus (Debian's `prometheus` binary, run directly, not as a service) on 127.0.0.1 with a throwaway
/// configuration and storage directory, scraping the given targets every second.
public final class PrometheusServer: Sendable {
    public let port: Int
    /// `http://127.0.0.1:<port>`
    public let url: URL
    public let directory: TemporaryDirectory
    private let process: SpawnedProcess

    /// Whether the binary is installed (scripts/bootstrap installs it).
    public static var isInstalled: Bool {
        ["/usr/bin/prometheus", "/usr/local/bin/prometheus"].contains {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    private init(port: Int, directory: TemporaryDirectory, process: SpawnedProcess) {
        self.port = port
        var components = URLComponents()
        components.scheme = "http"
        components.host = "127.0.0.1"
        components.port = port
        self.url = components.url ?? URL(fileURLWithPath: "/")
        self.directory = directory
        self.process = process
    }

    /// Starts Prometheus scraping `targets` (`127.0.0.1:PORT`) every second and waits until it is ready.
    public static func start(scraping targets: [String]) async throws -> PrometheusServer {
        let directory = try TemporaryDirectory(prefix: "mooring-prometheus")
        let list = targets.map { "'\($0)'" }.joined(separator: ", ")
        let configuration = """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: exporter
                static_configs:
                  - targets: [\(list)]

            """
        try configuration.write(toFile: directory.path("prometheus.yml"), atomically: true, encoding: .utf8)
        let port = try freeLoopbackPort()
        let process = try SpawnedProcess(
            [
                "prometheus",
                "--config.file=\(directory.path("prometheus.yml"))",
                "--storage.tsdb.path=\(directory.path("data"))",
                "--web.listen-address=127.0.0.1:\(port)",
                "--log.level=warn",
            ],
            logFile: directory.path("prometheus.log")
        )
        let server = PrometheusServer(port: port, directory: directory, process: process)
        do {
            try await waitUntil("Prometheus ready on 127.0.0.1:\(port)", every: .milliseconds(100)) {
                guard process.isRunning else { throw DeadlineExceeded(what: "Prometheus to start (it exited)") }
                return await server.answers("/-/ready")
            }
        } catch {
            await server.stop()
            throw error
        }
        return server
    }

    /// Waits until a scrape has stored a sample for `query` (so a test's first value is in Prometheus).
    public func waitForSeries(_ query: String, timeout: Duration = .seconds(60)) async throws {
        try await waitUntil("Prometheus to have \(query)", timeout: timeout, every: .milliseconds(200)) {
            var components = URLComponents(
                url: url.appendingPathComponent("api/v1/query"),
                resolvingAgainstBaseURL: false
            )
            components?.queryItems = [URLQueryItem(name: "query", value: query)]
            guard let url = components?.url, let (data, _) = try? await URLSession.shared.data(from: url),
                let text = String(data: data, encoding: .utf8)
            else { return false }
            return text.contains("\"value\"")
        }
    }

    /// Stops the server and removes its files.
    public func stop() async {
        let process = process
        _ = try? await onOwnThread { process.stop() }
        directory.remove()
    }

    private func answers(_ path: String) async -> Bool {
        guard let (_, response) = try? await URLSession.shared.data(from: url.appendingPathComponent(path)) else {
            return false
        }
        return (response as? HTTPURLResponse)?.statusCode == 200
    }
}
