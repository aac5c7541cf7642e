import MooringCore

/// What of an object a change must touch to matter to Mooring: everything but its `status` and the bookkeeping
/// metadata the API server keeps (`resourceVersion`, `managedFields`, `generation`).
enum ObjectContent {
    /// Whether `new` differs from `old` (as the cache held it) in more than status and bookkeeping.
    static func differs(_ old: [UInt8], _ new: JSONValue) -> Bool {
        guard let old = try? JSONValue.parse(old) else { return true }
        return content(of: old) != content(of: new)
    }

    private static func content(of object: JSONValue) -> JSONValue {
        var object = object
        object["status"] = nil
        if var metadata = object["metadata"] {
            for key in ["resourceVersion", "managedFields", "generation"] { metadata[key] = nil }
            object["metadata"] = metadata
        }
        return object
    }
}
