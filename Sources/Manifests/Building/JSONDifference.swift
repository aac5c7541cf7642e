import MooringCore

/// Where two JSON values first differ, for messages about changed records.
enum JSONDifference {
    /// The first path (in sorted key order) at which `before` and `after` differ; the root when they differ as wholes.
    static func firstPath(_ before: JSONValue, _ after: JSONValue) -> FieldPath {
        switch (before, after) {
        case (.object(let old), .object(let new)):
            for key in Set(old.keys).union(new.keys).sorted() where old[key] != new[key] {
                guard let oldValue = old[key], let newValue = new[key] else { return FieldPath.root.appending(key) }
                return FieldPath([.key(key)] + firstPath(oldValue, newValue).components)
            }
            return .root
        case (.array(let old), .array(let new)):
            for position in 0..<min(old.count, new.count) where old[position] != new[position] {
                return FieldPath([.index(position)] + firstPath(old[position], new[position]).components)
            }
            return old.count == new.count ? .root : FieldPath.root.appending(index: min(old.count, new.count))
        default:
            return .root
        }
    }
}
