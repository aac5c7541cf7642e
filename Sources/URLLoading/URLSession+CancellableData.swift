// Folder URLLoading: URLSession requests that a cancelled task leaves at once, without URLSessionTask.cancel().

public import Foundation

#if canImport(FoundationNetworking)
public import FoundationNetworking
#endif

extension URLSession {
    /// The body and response of `request`, as ``URLSession/data(for:delegate:)`` gives them; when the calling task is
    /// cancelled, throws `URLError(.cancelled)` at once.
    ///
    /// swift-corelibs-foundation (Swift 6.3.1) cannot cancel a request safely, so this never calls
    /// `URLSessionTask.cancel()`; the request is left to end by itself, with its answer or at its `timeoutInterval`:
    /// - `data(for:)` and `data(from:)` cancel inside the task's cancellation handler, where the Swift runtime holds
    ///   the task's status lock, and `cancel()` waits for the work queue every session shares; when that queue is
    ///   finishing the same request just then, it resumes the task inline, which waits for that lock — both wait for
    ///   ever (swiftlang/swift-corelibs-foundation#5412; the fix, #5417, came after 6.3.1). `mooring demo` hung so
    ///   after Ctrl-C, before stopping its `mooring run`.
    /// - `cancel()` racing a request that is finishing stops the process ("Trying to access a behaviour for a task
    ///   that in not in the registry"), on whichever thread it is called.
    ///
    /// The request runs as a data task with a completion handler, which the session calls on its delegate queue,
    /// never on the work queue; the caller is resumed exactly once, by the answer or by the cancellation, and never
    /// on the cancelling thread.
    public func cancellableData(for request: URLRequest) async throws -> (Data, URLResponse) {
        let pending = PendingRequest(url: request.url)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                pending.start(resuming: continuation) {
                    dataTask(with: request) { data, response, error in
                        pending.finish(data: data, response: response, error: error)
                    }
                }
            }
        } onCancel: {
            pending.cancel()
        }
    }
}
