import MooringCore

/// The value operations of server-side apply: merging an applied configuration into a live object
/// and removing fields an applier gave up.
enum ApplyMerge {
    /// `live` with `config` merged in: objects merge by field, keyed lists by key, sets by value;
    /// atomic values and scalars are replaced.
    static func merge(_ live: JSONValue?, _ config: JSONValue, schema: Schema) -> JSONValue {
        let resolved = schema.resolved
        guard let live, !resolved.isAtomic else { return config }
        switch (live, config) {
        case (.object(var members), .object(let applied)):
            for (key, value) in applied {
                if value.isNull {
                    members[key] = nil
                } else {
                    members[key] = merge(members[key], value, schema: schema.field(key) ?? .any)
                }
            }
            return .object(members)
        case (.array(var elements), .array(let applied)):
            switch resolved.listType {
            case .map(let keys, _):
                for item in applied {
                    let identity = FieldSet.key(FieldSet.withKeyDefaults(item, keys: keys), keys: keys)
                    if let index = elements.firstIndex(where: {
                        FieldSet.key(FieldSet.withKeyDefaults($0, keys: keys), keys: keys) == identity
                    }) {
                        elements[index] = merge(elements[index], item, schema: resolved.element)
                    } else {
                        elements.append(item)
                    }
                }
                return .array(elements)
            case .set:
                for item in applied where !elements.contains(item) { elements.append(item) }
                return .array(elements)
            case .atomic:
                return config
            }
        default:
            return config
        }
    }

    /// `value` without the member paths of `removal` (fields no manager owns any more).
    static func remove(_ removal: FieldSet, from value: JSONValue, schema: Schema) -> JSONValue {
        let resolved = schema.resolved
        switch value {
        case .object(var members):
            for (element, child) in removal.children where element.hasPrefix("f:") {
                let key = String(element.dropFirst(2))
                guard let current = members[key] else { continue }
                if child.isMember {
                    members[key] = nil
                } else {
                    let pruned = remove(child, from: current, schema: schema.field(key) ?? .any)
                    let emptied = pruned.objectValue?.isEmpty == true && current.objectValue?.isEmpty == false
                    members[key] = emptied ? JSONValue?.none : pruned
                }
            }
            return .object(members)
        case .array(let elements):
            var kept: [JSONValue] = []
            for element in elements {
                let path: String
                switch resolved.listType {
                case .map(let keys, _): path = FieldSet.key(FieldSet.withKeyDefaults(element, keys: keys), keys: keys)
                case .set: path = FieldSet.value(element)
                case .atomic: path = ""
                }
                guard let child = removal.children[path] else {
                    kept.append(element)
                    continue
                }
                if !child.isMember { kept.append(remove(child, from: element, schema: resolved.element)) }
            }
            return .array(kept)
        default:
            return value
        }
    }
}
