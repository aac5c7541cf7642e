import Foundation
import Hummingbird
import KubeSim
import Logging
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// In-process servers stop by graceful shutdown: what is in flight is answered, then the port refuses.
@Suite("HTTPServerTask")
struct HTTPServerTaskTests {
    /// A server whose `/slow` answers `done` 300 ms after it is asked, telling `entered` when it is.
    static func slowServer(entered: AsyncStream<Void>.Continuation) -> (HTTPServerTask, AsyncStream<Int>) {
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        let router = Router()
        router.get("slow") { _, _ -> String in
            entered.yield()
            try await Task.sleep(for: .milliseconds(300))
            return "done"
        }
        var logger = Logger(label: "http-server-task-test")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { bound.yield($0.localAddress?.port ?? 0) },
            logger: logger
        )
        return (HTTPServerTask(app, logger: logger) { _ in bound.finish() }, ports)
    }

    @Test("a request in flight when the server stops is answered; then the port refuses connections")
    func gracefulStop() async throws {
        let (requests, entered) = AsyncStream.makeStream(of: Void.self)
        let (server, ports) = Self.slowServer(entered: entered)
        let port = try #require(await ports.first { _ in true })
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/slow"))
        let answer = Task { try await URLSession.shared.data(from: url) }
        await requests.first { _ in true }
        // A grace far above the handler's 300 ms: on a loaded machine the answer may take seconds to be written.
        await server.stop(grace: .seconds(60))
        let (data, response) = try await answer.value
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self) == "done")
        #expect(!loopbackPortAccepts(port))
    }
}
