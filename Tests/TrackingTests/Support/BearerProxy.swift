import Foundation
import TestSupport

/// `bearer_proxy.py` on a free 127.0.0.1 port: forwards to an upstream server only the requests that carry
/// `Authorization: Bearer <token>`, answers 401 to the others, and logs which it saw.
struct BearerProxy {
    let url: String
    let log: String
    private let process: SpawnedProcess

    init(upstream: String, token: String, folder: String) async throws {
        let port = try freeLoopbackPort()
        url = "http://127.0.0.1:\(port)"
        log = folder + "/proxy.log"
        let process = try SpawnedProcess(
            ["python3", MLflowHarness.support("bearer_proxy.py"), String(port), upstream, token],
            logFile: log
        )
        self.process = process
        let log = self.log
        try await waitUntil("the bearer proxy to log a request") {
            guard process.isRunning else { throw HarnessError("the bearer proxy exited") }
            _ = await MLflowHarness.isHealthy(url)
            return ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("/health")
        }
    }

    /// The requests it saw, one line each: `authorized PATH` or `unauthorized PATH`.
    var requests: [String] {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func stop() async throws {
        let process = process
        _ = try await onOwnThread { process.stop() }
    }
}
