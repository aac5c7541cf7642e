import MooringCore

/// Takes one watch's events, line by line, to the cache, and remembers how the watch ended when the server said so
/// in an `ERROR` event.
actor WatchEventHandler {
    let key: WatchKey
    let resource: APIResource
    let cache: LiveCache
    /// The server said the resourceVersion is too old (`410`): re-list.
    private(set) var expired = false
    /// Another error the server sent, or a line that is not an event.
    private(set) var problem: String?

    init(key: WatchKey, resource: APIResource, cache: LiveCache) {
        self.key = key
        self.resource = resource
        self.cache = cache
    }

    func handle(_ line: [UInt8]) async {
        guard let event = try? JSONValue.parse(line) else {
            problem = "the watch sent a line that is not JSON"
            return
        }
        let object = event["object"] ?? .null
        switch event["type"]?.stringValue {
        case "ADDED": await cache.apply(key, .added, Self.typed(object, resource: resource))
        case "MODIFIED": await cache.apply(key, .modified, Self.typed(object, resource: resource))
        case "DELETED": await cache.apply(key, .deleted, Self.typed(object, resource: resource))
        case "BOOKMARK":
            if let version = object["metadata"]?["resourceVersion"]?.stringValue {
                await cache.advance(key, to: version)
            }
        default:
            if object["code"]?.intValue == 410 {
                expired = true
            } else {
                problem = "the watch ended with an error: \(object["message"]?.stringValue ?? "no message")"
            }
        }
    }

    /// `object` with its `apiVersion` and `kind`, which the items of a list leave out.
    static func typed(_ object: JSONValue, resource: APIResource) -> JSONValue {
        guard object["kind"] == nil else { return object }
        var object = object
        object["apiVersion"] = .string(resource.apiVersion)
        object["kind"] = .string(resource.kind)
        return object
    }
}
