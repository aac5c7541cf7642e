import MooringCore

/// One change to an object, as watches report it.
struct WatchEvent: Sendable {
    var type: String
    var object: JSONValue
    var key: StoreKey
    var resourceVersion: Int
}

/// An open watch: which objects it follows and where its events go.
struct Watcher: Sendable {
    var group: String
    var plural: String
    var namespace: String?
    var labels: LabelSelector?
    var fields: LabelSelector?
    var continuation: AsyncStream<[UInt8]>.Continuation

    func follows(_ event: WatchEvent) -> Bool {
        guard event.key.group == group, event.key.plural == plural else { return false }
        if let namespace, event.key.namespace != namespace { return false }
        if let labels, !labels.matches(LabelSelector.labels(of: event.object)) { return false }
        if let fields, !fields.matches(LabelSelector.fields(of: event.object)) { return false }
        return true
    }

    func send(_ type: String, _ object: JSONValue) {
        var line = JSONValue.object(["type": .string(type), "object": object]).serializedBytes()
        line.append(0x0A)
        continuation.yield(line)
    }
}
