import Foundation
import MooringCore
import Timing

/// Lists one collection, then watches it from the list's resourceVersion, for as long as its task runs — the loop
/// client-go's reflector runs, through the target's `kubectl proxy` or `kubectl get --raw` (``CollectionReader``), so
/// every kubeconfig auth method works as for every other kubectl call:
///
/// - a watch the server ends (its timeout) resumes from the last resourceVersion seen (an event's or a bookmark's);
/// - `410 Gone` (the resourceVersion was compacted away) and the safety interval re-list in full;
/// - any other failure (kubectl refused or killed, the server unreachable) marks the collection out of sync and
///   re-lists after a backoff with jitter.
struct CollectionWatch: Sendable {
    var key: WatchKey
    var resource: APIResource
    var reader: any CollectionReader
    var relistInterval: Duration
    /// The seconds after which the server is asked to end each watch, picked at random from this range.
    var watchTimeout: ClosedRange<Int>
    var cache: LiveCache

    /// The most bytes of one watch event.
    static let eventLimit = 64 << 20

    func run() async {
        var delay = ReconnectDelay()
        while !Task.isCancelled {
            do throws(ClusterError) {
                try await list()
                delay.reset()
                try await follow()
            } catch {
                guard !Task.isCancelled else { return }
                await cache.lost(key, problem: error.message)
                try? await CancellableSleep.sleep(for: delay.next())
            }
        }
    }

    /// Lists the collection page by page and hands it to the cache whole.
    private func list() async throws(ClusterError) {
        var objects: [JSONValue] = []
        var token: String?
        var version = ""
        repeat {
            var query = "limit=500"
            if let token { query += "&continue=\(WatchKey.escaped(token))" }
            let page = try await reader.list(request(query))
            objects += (page["items"]?.arrayValue ?? []).map { WatchEventHandler.typed($0, resource: resource) }
            token = page["metadata"]?["continue"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            version = page["metadata"]?["resourceVersion"]?.stringValue ?? version
        } while token != nil
        await cache.replace(key, with: objects, at: version)
    }

    /// Watches until a re-list is due: after the safety interval, or at once when the server says `410 Gone`.
    private func follow() async throws(ClusterError) {
        let relistAt = ContinuousClock.now + relistInterval
        while ContinuousClock.now < relistAt {
            guard !Task.isCancelled else { return }
            let version = await cache.resourceVersion(of: key)
            let remaining = Int((relistAt - ContinuousClock.now).components.seconds)
            let timeout = max(1, min(Int.random(in: watchTimeout), remaining))
            let query =
                "watch=1&resourceVersion=\(WatchKey.escaped(version))&allowWatchBookmarks=true&timeoutSeconds=\(timeout)"
            let splitter = LineSplitter(limit: Self.eventLimit)
            let handler = WatchEventHandler(key: key, resource: resource, cache: cache)
            // The server ends the watch after `timeout`; the request gets a minute more before it is taken for hung.
            var failure: ClusterError?
            do {
                try await reader.watch(request(query), timeout: .seconds(timeout + 60)) { chunk in
                    for line in try splitter.lines(completedBy: chunk) { await handler.handle(line) }
                }
            } catch {
                failure = error
            }
            if await handler.expired { return }
            if let problem = await handler.problem {
                throw ClusterError(code: .failed, message: problem, command: "GET \(request(query))")
            }
            if let failure { throw failure }
        }
    }

    /// The collection's path with its label selector and `query`.
    private func request(_ query: String) -> String {
        "\(key.path(resource))?labelSelector=\(WatchKey.escaped(key.selector))&\(query)"
    }
}
