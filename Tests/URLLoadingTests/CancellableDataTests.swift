import Foundation
import Synchronization
import TestSupport
import Testing
import URLLoading

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("URLSession requests that a cancelled task leaves at once")
struct CancellableDataTests {
    @Test("an answered request gives the response, as URLSession.data(for:) does")
    func answered() async throws {
        try await withWebhookReceiver(answers: [.init(202)]) { receiver in
            var request = URLRequest(url: try #require(URL(string: receiver.url("/hook"))))
            request.httpMethod = "POST"
            request.httpBody = Data("{}".utf8)
            let (_, response) = try await URLSession.shared.cancellableData(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 202)
            #expect(receiver.requests.map(\.body) == ["{}"])
        }
    }

    @Test("a refused connection throws URLSession's own error")
    func refused() async throws {
        let url = try #require(URL(string: "http://127.0.0.1:\(try freeLoopbackPort())/"))
        await #expect {
            try await URLSession.shared.cancellableData(for: URLRequest(url: url))
        } throws: { error in
            (error as? URLError)?.code == .cannotConnectToHost
        }
    }

    @Test("cancelling a request to a server that never answers returns at once, with URLError.cancelled")
    func cancelledWhileWaiting() async throws {
        let listener = try SilentTCPListener()
        let url = try #require(URL(string: "http://127.0.0.1:\(listener.port)/status"))
        let request = Task {
            try await URLSession.shared.cancellableData(for: URLRequest(url: url, timeoutInterval: 600))
        }
        try await waitUntil("the request to connect") { listener.hasPendingConnection }
        request.cancel()
        let error = try await Self.outcome(of: request, within: .seconds(10))
        #expect((error as? URLError)?.code == .cancelled, "\(String(describing: error))")
        #expect((error as? URLError)?.failureURLString == url.absoluteString)
    }

    @Test("a task cancelled before its request starts makes no request and throws URLError.cancelled")
    func cancelledBeforeStart() async throws {
        let listener = try SilentTCPListener()
        let url = try #require(URL(string: "http://127.0.0.1:\(listener.port)/status"))
        let request = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await URLSession.shared.cancellableData(for: URLRequest(url: url, timeoutInterval: 600))
        }
        let error = try await Self.outcome(of: request, within: .seconds(10))
        #expect((error as? URLError)?.code == .cancelled, "\(String(describing: error))")
        #expect(!listener.hasPendingConnection)
    }

    /// URLSession's own `data(for:)` deadlocks here within a few rounds (its cancellation waits for the work queue
    /// while the queue resumes the task), and `URLSessionTask.cancel()` stops the process.
    @Test("cancelling requests just as they end neither deadlocks nor stops the process")
    func cancelledAsTheyEnd() async throws {
        let url = try #require(URL(string: "http://127.0.0.1:\(try freeLoopbackPort())/"))
        let rounds = Task.detached {
            for _ in 0..<50 {
                await withTaskGroup(of: Void.self) { group in
                    for _ in 0..<20 {
                        group.addTask { _ = try? await URLSession.shared.cancellableData(for: URLRequest(url: url)) }
                    }
                    // The first refused connection ends; the others are ending as they are cancelled.
                    await group.next()
                    group.cancelAll()
                }
            }
        }
        _ = try await Self.outcome(of: rounds, within: .seconds(60))
    }

    /// The error `task` ended with (`nil` when it returned); throws when it has not ended within `timeout`.
    private static func outcome<Success: Sendable, Failure: Error>(
        of task: Task<Success, Failure>,
        within timeout: Duration
    ) async throws -> (any Error)? {
        let ended = Atomic<Bool>(false)
        let waiter = Task {
            let result = await task.result
            ended.store(true, ordering: .releasing)
            return result
        }
        try await waitUntil("the request to end", timeout: timeout) { ended.load(ordering: .acquiring) }
        if case .failure(let error) = await waiter.value { return error }
        return nil
    }
}
