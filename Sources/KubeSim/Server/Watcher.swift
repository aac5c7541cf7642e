import MooringCore

/// An open watch: which objects it follows, from which resourceVersion, and where its events go.
struct Watcher: Sendable {
    var group: String
    var plural: String
    var namespace: String?
    var selectors: Selectors
    /// Only changes after this resourceVersion reach the watch.
    var startRevision: Int
    var continuation: AsyncStream<[UInt8]>.Continuation
    /// The watch's timeout and bookmark timers, cancelled when it ends.
    var timers: [Task<Void, Never>] = []

    /// Whether an object of `key` in the given state is one this watch selects.
    func selects(_ key: StoreKey, _ object: JSONValue) -> Bool {
        guard key.group == group, key.plural == plural else { return false }
        if let namespace, key.namespace != namespace { return false }
        return selectors.match(object)
    }

    /// What this watch sees of a change, as the watch cache's `convertToWatchEvent` turns it: an object that starts
    /// matching the selectors is ADDED; one that stops matching (or is deleted) is DELETED in its previous state,
    /// stamped with the change's resourceVersion; `nil` when the watch follows neither state or the change is not
    /// after its start.
    func view(of event: WatchEvent) -> (type: String, object: JSONValue)? {
        guard event.resourceVersion > startRevision else { return nil }
        let now = event.type != "DELETED" && selects(event.key, event.object)
        let before = event.previous.map { selects(event.key, $0) } ?? false
        switch (now, before) {
        case (true, false): return ("ADDED", event.object)
        case (true, true): return ("MODIFIED", event.object)
        case (false, true):
            var last = event.previous ?? event.object
            last["metadata"]?["resourceVersion"] = .string(String(event.resourceVersion))
            return ("DELETED", last)
        case (false, false): return nil
        }
    }

    func send(_ type: String, _ object: JSONValue) {
        continuation.yield(Self.line(type, object))
    }

    /// One watch event as the stream carries it: a JSON object and a newline.
    static func line(_ type: String, _ object: JSONValue) -> [UInt8] {
        var line = JSONValue.object(["type": .string(type), "object": object]).serializedBytes()
        line.append(0x0A)
        return line
    }

    /// Ends the stream and its timers.
    func finish() {
        for timer in timers { timer.cancel() }
        continuation.finish()
    }
}
