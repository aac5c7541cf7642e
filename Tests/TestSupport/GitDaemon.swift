public import Foundation
import KubeSim

/// A real `git daemon` serving a folder on 127.0.0.1 and a free port, for tests; `stop()` ends it.
public final class GitDaemon: @unchecked Sendable {
    public let port: Int
    private let process: SpawnedProcess

    /// Serves every repository under `basePath`; returns once the port accepts connections.
    public init(basePath: URL) async throws {
        port = try freeLoopbackPort()
        process = try SpawnedProcess([
            "git", "daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=\(port)",
            "--base-path=\(basePath.path)", "--export-all", "--enable=receive-pack", basePath.path,
        ])
        let port = self.port
        try await waitUntil("git daemon to accept connections on port \(port)") { loopbackPortAccepts(port) }
    }

    /// `git://127.0.0.1:<port>/<path relative to the base path>`
    public func url(_ relativePath: String) -> String { "git://127.0.0.1:\(port)/\(relativePath)" }

    public func stop() { process.stop() }
}
