import Foundation
import MooringCore

extension APIServer {
    /// How many changes are kept for watches that start from an older resourceVersion; beyond it the oldest half is
    /// dropped and counts as compacted.
    static let historyLimit = 20_000

    /// Starts a watch as a v1.32 server's watch cache serves it: the current objects as ADDED (from resourceVersion
    /// unset or "0", or with `sendInitialEvents=true`, which alone adds the initial-events-end bookmark when
    /// bookmarks are allowed); or, from resourceVersion N, the changes after N — unless N is compacted, which ends
    /// the stream with one ERROR event (410 Expired). Then live changes and bookmarks until the client leaves,
    /// `timeoutSeconds` passes, or the server's own timeout (`KubeSimOptions.watchTimeout` × [1, 2)) does.
    func watch(_ request: APIRequest, target: Target, options: ListOptions) throws -> APIResponse {
        let selectors = try Selectors(request)
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        let response = APIResponse(status: 200, contentType: "application/json", body: .stream(stream))
        let initial = options.sendInitialEvents ?? (options.revision == 0)
        if !initial, options.revision > 0, options.revision < compactedRevision {
            let expired = StatusError.tooOld(options.revision, compacted: compactedRevision)
            continuation.yield(Watcher.line("ERROR", expired.status))
            continuation.finish()
            return response
        }
        var watcher = Watcher(
            group: target.type.group,
            plural: target.type.plural,
            namespace: target.namespace,
            selectors: selectors,
            startRevision: initial || options.revision == 0 ? resourceVersion : options.revision,
            continuation: continuation
        )
        if initial {
            for object in matching(selectors, target: target, in: objects) { watcher.send("ADDED", object) }
            if options.sendInitialEvents == true, options.allowWatchBookmarks {
                watcher.send("BOOKMARK", bookmark(target.type, initialEventsEnd: true))
            }
        } else {
            for event in history { if let seen = watcher.view(of: event) { watcher.send(seen.type, seen.object) } }
        }
        let id = UUID()
        watcher.timers = startTimers(id, type: target.type, options: options)
        watchers[id] = watcher
        continuation.onTermination = { [weak self] _ in
            Task { await self?.endWatch(id) }
        }
        return response
    }

    /// The watch's end after its timeout and, when allowed, its periodic bookmarks.
    private func startTimers(_ id: UUID, type: ResourceType, options: ListOptions) -> [Task<Void, Never>] {
        let timeout =
            options.timeoutSeconds.flatMap { $0 > 0 ? Duration.seconds($0) : nil }
            ?? self.options.watchTimeout * Double.random(in: 1..<2)
        var timers = [
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                guard !Task.isCancelled else { return }
                await self?.endWatch(id)
            }
        ]
        guard options.allowWatchBookmarks else { return timers }
        let interval = self.options.bookmarkInterval
        timers.append(
            Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    guard !Task.isCancelled, let self else { return }
                    await self.sendBookmark(id, type: type)
                }
            }
        )
        return timers
    }

    private func bookmark(_ type: ResourceType, initialEventsEnd: Bool) -> JSONValue {
        var metadata: JSONValue = ["resourceVersion": .string(String(resourceVersion))]
        if initialEventsEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
        return ["kind": .string(type.kind), "apiVersion": .string(type.apiVersion), "metadata": metadata]
    }

    /// Ends one watch cleanly: its stream finishes without an ERROR event.
    func endWatch(_ id: UUID) { watchers.removeValue(forKey: id)?.finish() }

    private func sendBookmark(_ id: UUID, type: ResourceType) {
        guard let watcher = watchers[id], resourceVersion >= watcher.startRevision else { return }
        watcher.send("BOOKMARK", bookmark(type, initialEventsEnd: false))
    }

    /// Ends every open watch cleanly (the server is stopping, or a test wants clients to reconnect).
    func endAllWatches() {
        for watcher in watchers.values { watcher.finish() }
        watchers.removeAll()
    }

    /// Forgets the history up to `revision` (the current resourceVersion unless given), as etcd's compaction does: a
    /// watch or a paged list from an older resourceVersion is answered 410 Expired from now on. Returns the
    /// compacted revision.
    @discardableResult
    func compact(to revision: Int? = nil) -> Int {
        compactedRevision = max(compactedRevision, min(revision ?? resourceVersion, resourceVersion))
        history.removeAll { $0.resourceVersion <= compactedRevision }
        return compactedRevision
    }

    /// Compacts every `interval` to the revision of the previous tick, as kube-apiserver's compactor does, so at
    /// least one interval of history stays.
    func startCompaction(every interval: Duration) {
        compaction?.cancel()
        compaction = Task { [weak self] in
            var previous: Int?
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled, let self else { return }
                previous = await self.compactTick(previous)
            }
        }
    }

    /// One compaction tick: compacts to the revision of the previous one and returns the current revision.
    private func compactTick(_ previous: Int?) -> Int {
        if let previous { compact(to: previous) }
        return resourceVersion
    }

    /// Stores a changed object under the next resourceVersion and tells the watches that follow it.
    func store(_ object: JSONValue, key: StoreKey, previous: JSONValue?) -> JSONValue {
        resourceVersion += 1
        var object = object
        object["metadata"]?["resourceVersion"] = .string(String(resourceVersion))
        objects[key] = object
        record(previous == nil ? "ADDED" : "MODIFIED", object: object, previous: previous, key: key)
        return object
    }

    /// Remembers a change and sends it to the watches that follow it (as each of them sees it).
    func record(_ type: String, object: JSONValue, previous: JSONValue?, key: StoreKey) {
        let event = WatchEvent(
            type: type,
            object: object,
            previous: previous,
            key: key,
            resourceVersion: resourceVersion
        )
        history.append(event)
        if history.count > Self.historyLimit {
            let dropped = history.count - Self.historyLimit / 2
            compactedRevision = max(compactedRevision, history[dropped - 1].resourceVersion)
            history.removeFirst(dropped)
        }
        for watcher in watchers.values {
            if let seen = watcher.view(of: event) { watcher.send(seen.type, seen.object) }
        }
    }
}
