import ChildProcess
import Foundation
import Sync
import URLLoading

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real Prometheus for the guardrail step: the installed `prometheus` binary with a throwaway configuration and
/// storage folder in the workspace, on a free port of 127.0.0.1, scraping the demo's exporter every second.
struct DemoPrometheus: Sendable {
    let executable: String
    let port: Int
    /// Its folder in the workspace: `prometheus.yml` and `data/`.
    let directory: String

    /// `http://127.0.0.1:<port>`
    var url: String { "http://127.0.0.1:\(port)" }

    /// `prometheus` on `PATH` (Debian's package installs it in /usr/bin); `nil` when there is none.
    static func locate() -> String? {
        let found = MooringConfiguration.locate("prometheus", path: ProcessInfo.processInfo.environment["PATH"] ?? "")
        return FileManager.default.isExecutableFile(atPath: found) ? found : nil
    }

    /// Writes the configuration scraping `target` (`127.0.0.1:PORT`) and returns the process to run.
    func process(scraping target: String) throws -> ChildProcess {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try """
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        scrape_configs:
          - job_name: serving
            static_configs: [{targets: ['\(target)']}]

        """.write(toFile: "\(directory)/prometheus.yml", atomically: true, encoding: .utf8)
        var process = ChildProcess(
            executable,
            [
                "--config.file=\(directory)/prometheus.yml", "--storage.tsdb.path=\(directory)/data",
                "--web.listen-address=127.0.0.1:\(port)", "--log.level=error",
            ],
            timeout: .seconds(600),
            outputLimit: 1 << 20
        )
        process.stopGracePeriod = .seconds(5)
        return process
    }

    /// Whether Prometheus has a sample for `query` (which also means it is up and has scraped).
    func hasSample(_ query: String) async -> Bool {
        var components = URLComponents(string: "\(url)/api/v1/query")
        components?.queryItems = [URLQueryItem(name: "query", value: query)]
        guard let address = components?.url,
            let (data, _) = try? await URLSession.shared.cancellableData(for: URLRequest(url: address))
        else { return false }
        return String(decoding: data, as: UTF8.self).contains(#""value":"#)
    }
}
