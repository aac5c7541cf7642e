public import MooringCore

/// An object's `metadata.managedFields`: which field manager owns which fields (server-side apply's
/// `FieldsV1` sets), so that drift can name who changed a field.
public struct ManagedFields: Sendable {
    /// One manager's entry.
    public struct Entry: Sendable, Equatable {
        public var manager: String
        /// `Apply` or `Update`.
        public var operation: String
        /// `scale`, `status`… when the write went through a subresource.
        public var subresource: String?
        public var time: String?
        /// The `fieldsV1` trie: keys `f:<field>`, `k:<json>`, `v:<json>`, `i:<index>`, `.`.
        public var fields: JSONValue
    }

    public var entries: [Entry]

    /// The entries of a live object (as `kubectl get -o json --show-managed-fields` returns it).
    public init(of object: JSONValue) {
        entries = (object["metadata"]?["managedFields"]?.arrayValue ?? []).compactMap { entry in
            guard let manager = entry["manager"]?.stringValue else { return nil }
            return Entry(
                manager: manager,
                operation: entry["operation"]?.stringValue ?? "",
                subresource: entry["subresource"]?.stringValue,
                time: entry["time"]?.stringValue,
                fields: entry["fieldsV1"] ?? .object([:])
            )
        }
    }

    /// The managers that own `path` of `object` (or an atomic field above it), in entry order.
    public func owners(of path: FieldPath, in object: JSONValue) -> [String] {
        entries.filter { Self.owns($0.fields, path: path.components[...], value: object) }.map(\.manager)
    }

    /// The manager of the most recent `Update` (not `Apply`) other than `excluded`, by timestamp.
    public func latestUpdater(excluding excluded: String) -> String? {
        entries.filter { $0.operation == "Update" && $0.manager != excluded }
            .max { ($0.time ?? "") < ($1.time ?? "") }?.manager
    }

    private static func owns(_ trie: JSONValue, path: ArraySlice<FieldPath.Component>, value: JSONValue?) -> Bool {
        guard let members = trie.objectValue else { return false }
        guard let component = path.first else { return true }
        // An empty set entry below the root owns its whole subtree (atomic fields and leaves).
        let childKey: String
        let childValue: JSONValue?
        switch component {
        case .key(let key):
            childKey = "f:\(key)"
            childValue = value?[key]
        case .index, .match:
            guard let element = value.flatMap({ $0.child(component) }),
                let key = members.keys.first(where: { matches($0, element: element, component: component) })
            else { return false }
            childKey = key
            childValue = element
        }
        guard let child = members[childKey] else { return false }
        if child.objectValue?.isEmpty == true { return true }
        return owns(child, path: path.dropFirst(), value: childValue)
    }

    /// Whether a `k:`/`v:`/`i:` key of a list's field set denotes `element`.
    private static func matches(_ key: String, element: JSONValue, component: FieldPath.Component) -> Bool {
        if key.hasPrefix("k:") {
            guard let keys = try? JSONValue.parse(String(key.dropFirst(2))), let fields = keys.objectValue else {
                return false
            }
            return fields.allSatisfy { element[$0.key] == $0.value }
        }
        if key.hasPrefix("v:") {
            return (try? JSONValue.parse(String(key.dropFirst(2)))) == element
        }
        if key.hasPrefix("i:"), case .index(let position) = component {
            return Int(key.dropFirst(2)) == position
        }
        return false
    }
}
