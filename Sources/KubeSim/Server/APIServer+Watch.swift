import Foundation
import MooringCore

extension APIServer {
    static let historyLimit = 20_000

    /// Starts a watch: initial events (for `sendInitialEvents`, or when no resourceVersion is given),
    /// or the changes since a resourceVersion; then live changes and, when asked, bookmarks.
    func watch(_ request: APIRequest, target: Target) throws -> APIResponse {
        let labels = try request.query["labelSelector"].map { text throws(StatusError) in
            try LabelSelector(parsing: text)
        }
        let fields = try request.query["fieldSelector"].map { text throws(StatusError) in
            try LabelSelector(parsing: text)
        }
        let since = request.query["resourceVersion"] ?? ""
        let sendInitial = request.flag("sendInitialEvents")
        let bookmarks = request.flag("allowWatchBookmarks")
        var replay: [WatchEvent] = []
        if !sendInitial, let version = Int(since), version > 0 {
            if let oldest = history.first?.resourceVersion, version < oldest - 1 {
                throw StatusError.gone("too old resource version: \(version) (\(oldest - 1))")
            }
            replay = history.filter { $0.resourceVersion > version }
        }
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        let id = UUID()
        let watcher = Watcher(
            group: target.type.group,
            plural: target.type.plural,
            namespace: target.namespace,
            labels: labels,
            fields: fields,
            continuation: continuation
        )
        if sendInitial || since.isEmpty || since == "0" {
            for object in try matching(request, target: target) { watcher.send("ADDED", object) }
        }
        for event in replay where watcher.follows(event) { watcher.send(event.type, event.object) }
        if sendInitial && bookmarks {
            watcher.send("BOOKMARK", bookmark(target.type, initialEventsEnd: true))
        }
        watchers[id] = watcher
        continuation.onTermination = { [weak self] _ in
            Task { await self?.endWatch(id) }
        }
        let timeout = request.query["timeoutSeconds"].flatMap(Int.init).map { Duration.seconds($0) }
        let interval = options.bookmarkInterval
        let type = target.type
        Task { [weak self] in
            let started = ContinuousClock.now
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self, await self.isWatching(id) else { return }
                if let timeout, ContinuousClock.now - started >= timeout {
                    continuation.finish()
                    return
                }
                if bookmarks { await self.sendBookmark(id, type: type) }
            }
        }
        return APIResponse(status: 200, contentType: "application/json", body: .stream(stream))
    }

    private func bookmark(_ type: ResourceType, initialEventsEnd: Bool) -> JSONValue {
        var metadata: JSONValue = ["resourceVersion": .string(String(resourceVersion))]
        if initialEventsEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
        return ["kind": .string(type.kind), "apiVersion": .string(type.apiVersion), "metadata": metadata]
    }

    func isWatching(_ id: UUID) -> Bool { watchers[id] != nil }

    func endWatch(_ id: UUID) { watchers.removeValue(forKey: id) }

    func sendBookmark(_ id: UUID, type: ResourceType) {
        watchers[id]?.send("BOOKMARK", bookmark(type, initialEventsEnd: false))
    }

    /// Ends every open watch (the server is stopping).
    func endAllWatches() {
        for watcher in watchers.values { watcher.continuation.finish() }
        watchers.removeAll()
    }

    /// Remembers a change and sends it to the watches that follow it.
    func record(_ type: String, object: JSONValue, key: StoreKey) {
        let event = WatchEvent(type: type, object: object, key: key, resourceVersion: resourceVersion)
        history.append(event)
        if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit / 2) }
        for watcher in watchers.values where watcher.follows(event) { watcher.send(type, object) }
    }
}
