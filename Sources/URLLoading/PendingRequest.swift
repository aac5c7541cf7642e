import Dispatch
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The caller of one ``URLSession/cancellableData(for:)``: whichever comes first of the answer and the cancellation
/// resumes it, exactly once.
final class PendingRequest: Sendable {
    typealias Continuation = CheckedContinuation<(Data, URLResponse), any Error>

    private enum State {
        /// Created; neither started nor cancelled.
        case idle
        /// The request is in flight and its caller waits on the continuation.
        case waiting(Continuation)
        /// Cancelled before it started: starting resumes at once, and no request is made.
        case cancelled
        /// The continuation was resumed.
        case finished
    }

    /// The request's URL, which the cancellation error names as URLSession's own does.
    private let url: URL?
    private let state = Mutex<State>(.idle)

    init(url: URL?) {
        self.url = url
    }

    /// Makes the data task with `makeTask` and resumes it, unless the request was already cancelled: then
    /// `continuation` is resumed at once with `URLError(.cancelled)`.
    func start(
        resuming continuation: Continuation,
        _ makeTask: () -> URLSessionDataTask
    ) {
        let started = state.withLock { state in
            guard case .idle = state else { return false }
            state = .waiting(continuation)
            return true
        }
        guard started else {
            continuation.resume(throwing: cancellation)
            return
        }
        makeTask().resume()
    }

    /// The data task's answer: `data` and `response`, or `error`.
    func finish(data: Data?, response: URLResponse?, error: (any Error)?) {
        guard let continuation = take() else { return }
        if let error {
            continuation.resume(throwing: error)
        } else if let response {
            continuation.resume(returning: (data ?? Data(), response))
        } else {
            continuation.resume(throwing: URLError(.badServerResponse))
        }
    }

    /// Resumes the caller with `URLError(.cancelled)` from another thread, as this runs in a cancellation handler,
    /// under the task's status lock; the request, if started, goes on until it ends by itself.
    func cancel() {
        guard let continuation = take(cancelling: true) else { return }
        let cancellation = cancellation
        DispatchQueue.global().async { continuation.resume(throwing: cancellation) }
    }

    /// The waiting continuation, once: the state becomes finished. When `cancelling` a request not yet started,
    /// the state becomes cancelled instead.
    private func take(cancelling: Bool = false) -> Continuation? {
        state.withLock { state in
            switch state {
            case .waiting(let continuation):
                state = .finished
                return continuation
            case .idle where cancelling:
                state = .cancelled
                return nil
            case .idle, .cancelled, .finished:
                return nil
            }
        }
    }

    /// `URLError(.cancelled)` with the description and URL that URLSession's own cancellation gives.
    private var cancellation: URLError {
        var info: [String: Any] = [NSLocalizedDescriptionKey: "\(URLError.Code.cancelled)"]
        if let url {
            info[NSURLErrorFailingURLErrorKey] = url
            info[NSURLErrorFailingURLStringErrorKey] = url.absoluteString
        }
        return URLError(.cancelled, userInfo: info)
    }
}
