/// Wakes the sync loop before its poll interval ends (a push webhook). Requests coalesce: however many arrive
/// while a sync runs or the loop waits, they are answered by one sync that starts after them.
public actor SyncTrigger {
    /// A request that arrived while nobody was waiting.
    private var pending = false
    /// The loop, while it waits for a request.
    private var waiter: CheckedContinuation<Void, Never>?

    public init() {}

    /// Asks for a sync as soon as the loop can start one.
    public func request() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            pending = true
        }
    }

    /// Whether a request waits for the loop to take it.
    var isRequested: Bool { pending }

    /// Returns once `interval` has passed, a sync was requested, or the task is cancelled.
    func wait(upTo interval: Duration) async {
        if pending {
            pending = false
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: interval) }
            group.addTask { await self.nextRequest() }
            await group.next()
            group.cancelAll()
        }
    }

    private func nextRequest() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if pending {
                    pending = false
                    continuation.resume()
                } else if Task.isCancelled {
                    continuation.resume()
                } else {
                    waiter = continuation
                }
            }
        } onCancel: {
            Task { await self.stopWaiting() }
        }
    }

    private func stopWaiting() {
        waiter?.resume()
        waiter = nil
    }
}
