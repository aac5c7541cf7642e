public import Foundation
import Hummingbird
import KubeSim
import Logging
import Synchronization

/// An HTTP receiver on 127.0.0.1 for webhook posts: it records every request and answers with the statuses it is
/// told to, in turn, then 200 — or 400 to a body its `validate` check finds a problem in, as a real receiver that
/// checks its schema does.
public final class WebhookReceiver: Sendable {
    /// One request as received.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var contentType: String
        public var body: String
    }

    /// A scripted answer: a status, and a `Retry-After` header when given.
    public struct Answer: Sendable {
        public var status: Int
        public var retryAfter: String?

        public init(_ status: Int, retryAfter: String? = nil) {
            self.status = status
            self.retryAfter = retryAfter
        }
    }

    public let port: Int
    private let recorder: Recorder
    private let serverTask: HTTPServerTask

    private init(port: Int, recorder: Recorder, task: HTTPServerTask) {
        self.port = port
        self.recorder = recorder
        serverTask = task
    }

    /// `http://127.0.0.1:<port>` followed by `path`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Every request received so far.
    public var requests: [Request] { recorder.state.withLock { $0.requests } }

    /// The problems `validate` found, one per request answered 400.
    public var rejections: [String] { recorder.state.withLock { $0.rejections } }

    /// Starts a receiver that gives `answers` to the first requests, in order, and 200 to the rest; a body for which
    /// `validate` returns a problem gets 400 instead.
    public static func start(
        answers: [Answer] = [],
        validate: (@Sendable (String) -> String?)? = nil
    ) async throws -> WebhookReceiver {
        let recorder = Recorder(answers: answers, validate: validate)
        let responder = Responder(recorder: recorder)
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .critical
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                bound.yield(channel.localAddress?.port ?? 0)
                bound.finish()
            },
            logger: logger
        )
        // Its own thread, as KubeSim has: a test keeping the shared pool busy must not keep alerts from arriving.
        let task = HTTPServerTask(app, executorPreference: ServerThread(name: "webhook-receiver"), logger: logger) {
            _ in bound.finish()
        }
        guard let port = await ports.first(where: { _ in true }), port > 0 else {
            await task.stop()
            throw POSIXError(.EADDRNOTAVAIL)
        }
        return WebhookReceiver(port: port, recorder: recorder, task: task)
    }

    /// Stops listening.
    public func stop() async {
        await serverTask.stop()
    }

    /// The requests so far and the answers still to give, shared with the server's handler.
    private final class Recorder: Sendable {
        let state: Mutex<(requests: [Request], answers: [Answer], rejections: [String])>
        let validate: (@Sendable (String) -> String?)?

        init(answers: [Answer], validate: (@Sendable (String) -> String?)?) {
            state = Mutex(([], answers, []))
            self.validate = validate
        }
    }

    private struct Responder: HTTPResponder {
        typealias Context = BasicRequestContext
        let recorder: Recorder

        func respond(to request: Hummingbird.Request, context: Context) async throws -> Response {
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let received = Request(
                method: request.method.rawValue,
                path: request.uri.path,
                contentType: request.headers[.contentType] ?? "",
                body: String(buffer: buffer)
            )
            let problem = recorder.validate?(received.body)
            let answer = recorder.state.withLock { state in
                state.requests.append(received)
                if let problem {
                    state.rejections.append(problem)
                    return Answer(400)
                }
                return state.answers.isEmpty ? Answer(200) : state.answers.removeFirst()
            }
            var headers = HTTPFields()
            if let retryAfter = answer.retryAfter { headers[.retryAfter] = retryAfter }
            return Response(status: .init(code: answer.status), headers: headers)
        }
    }
}

/// Starts a `WebhookReceiver` for the duration of `body` and stops it afterwards, whatever happens.
public func withWebhookReceiver<Result>(
    answers: [WebhookReceiver.Answer] = [],
    validate: (@Sendable (String) -> String?)? = nil,
    _ body: (WebhookReceiver) async throws -> Result
) async throws -> Result {
    let receiver = try await WebhookReceiver.start(answers: answers, validate: validate)
    do {
        let result = try await body(receiver)
        await receiver.stop()
        return result
    } catch {
        await receiver.stop()
        throw error
    }
}
