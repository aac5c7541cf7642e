import NIOCore
import NIOHTTP1
import NIOPosix
import Timing

/// HTTP/1.1 `GET` over a unix socket (one connection per request, closed after it), on swift-nio's shared event
/// loops: no thread and no process of its own, and no URLSession (cancelling a request inside
/// `URLSession.data(for:)` can deadlock FoundationNetworking).
struct UnixSocketHTTPClient: Sendable {
    var socketPath: String

    /// The `User-Agent` of every request: the server's request log tells the live cache's reads apart by it.
    static let userAgent = "mooring-live-cache"
    /// The most bytes kept of the body of an answer that is not 2xx (the server's message).
    static let refusalLimit = 64 << 10

    /// Sends `GET target` and returns the answer's status and body. With `body`, the body of a 2xx answer is handed
    /// to it chunk by chunk as it arrives instead (and not returned); without, it is collected, and more than `limit`
    /// bytes of it end the request (``ClusterError/Code/outputTooLarge``). Of any other answer, the first
    /// ``refusalLimit`` bytes are returned: the server's message.
    ///
    /// Gives up after `timeout` (``ClusterError/Code/timeout``); cancelling the task closes the connection at once.
    /// An error `body` throws ends the request and is thrown as it is.
    func get(
        _ target: String,
        timeout: Duration,
        limit: Int,
        body: (@Sendable ([UInt8]) async throws -> Void)?
    ) async throws -> (status: Int, body: [UInt8]) {
        let answer = try await withThrowingTaskGroup(of: (status: Int, body: [UInt8])?.self) { group in
            group.addTask { try await exchange(target, limit: limit, body: body) }
            group.addTask {
                try await CancellableSleep.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        guard let answer else {
            throw ClusterError(
                code: .timeout,
                message: "the request did not finish within \(timeout) and its connection was closed; check that "
                    + "the API server answers",
                command: "GET \(target)"
            )
        }
        return answer
    }

    private func exchange(
        _ target: String,
        limit: Int,
        body: (@Sendable ([UInt8]) async throws -> Void)?
    ) async throws -> (status: Int, body: [UInt8]) {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(unixDomainSocketPath: socketPath) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                        wrappingChannelSynchronously: channel
                    )
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(.head(Self.head(target)))
            try await outbound.write(.end(nil))
            var status = 0
            var collected: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let head):
                    status = Int(head.status.code)
                case .body(let buffer) where (200..<300).contains(status):
                    if let body {
                        try await body(Array(buffer.readableBytesView))
                    } else {
                        guard collected.count + buffer.readableBytes <= limit else {
                            throw ClusterError(
                                code: .outputTooLarge,
                                message: "the answer was larger than \(limit) bytes and was dropped; narrow the "
                                    + "request or raise the output limit",
                                command: "GET \(target)"
                            )
                        }
                        collected += buffer.readableBytesView
                    }
                case .body(let buffer):
                    collected += buffer.readableBytesView.prefix(Self.refusalLimit - collected.count)
                case .end:
                    return (status, collected)
                }
            }
            try Task.checkCancellation()
            throw ClusterError(
                code: .unreachable,
                message: "the connection to \(socketPath) closed before the answer ended",
                command: "GET \(target)"
            )
        }
    }

    /// The request's head: `Host: localhost`, which `kubectl proxy` accepts by default.
    private static func head(_ target: String) -> HTTPRequestHead {
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: target)
        head.headers.add(name: "Host", value: "localhost")
        head.headers.add(name: "User-Agent", value: userAgent)
        head.headers.add(name: "Accept", value: "application/json")
        head.headers.add(name: "Connection", value: "close")
        return head
    }
}
