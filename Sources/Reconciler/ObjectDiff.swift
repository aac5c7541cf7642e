public import MooringCore

/// Field-level differences between two JSON values, with paths a person can read: lists of objects
/// that have a `name` (containers, env, ports…) are matched by name, not by position.
public enum ObjectDiff {
    /// Every leaf that differs from `before` to `after`, sorted by path.
    public static func changes(from before: JSONValue?, to after: JSONValue?) -> [FieldChange] {
        var changes: [FieldChange] = []
        collect(before, after, at: .root, into: &changes)
        return changes
    }

    private static func collect(
        _ before: JSONValue?,
        _ after: JSONValue?,
        at path: FieldPath,
        into changes: inout [FieldChange]
    ) {
        if before == after { return }
        switch (before, after) {
        case (.object(let old)?, .object(let new)?):
            for key in Set(old.keys).union(new.keys).sorted() {
                collect(old[key], new[key], at: path.appending(key), into: &changes)
            }
        case (.array(let old)?, .array(let new)?):
            if let oldByName = namedElements(old), let newByName = namedElements(new) {
                let names = oldByName.order + newByName.order.filter { oldByName.elements[$0] == nil }
                for name in names {
                    collect(
                        oldByName.elements[name],
                        newByName.elements[name],
                        at: path.appending(.match(field: "name", value: name)),
                        into: &changes
                    )
                }
            } else if old.count == new.count {
                for position in old.indices {
                    collect(old[position], new[position], at: path.appending(index: position), into: &changes)
                }
            } else {
                changes.append(FieldChange(path: path, before: before, after: after))
            }
        default:
            changes.append(FieldChange(path: path, before: before, after: after))
        }
    }

    /// The elements by their `name`, when every element is an object with a distinct string name.
    private static func namedElements(_ elements: [JSONValue]) -> (order: [String], elements: [String: JSONValue])? {
        var order: [String] = []
        var byName: [String: JSONValue] = [:]
        for element in elements {
            guard let name = element["name"]?.stringValue, byName[name] == nil else { return nil }
            order.append(name)
            byName[name] = element
        }
        return order.isEmpty ? nil : (order, byName)
    }
}

extension ObjectDiff {
    /// Every leaf of a value with its path (lists of named objects keyed by name), for showing a
    /// whole object that will be created.
    public static func leaves(of value: JSONValue) -> [FieldChange] {
        var result: [FieldChange] = []
        expand(value, at: .root, into: &result)
        return result
    }

    private static func expand(_ value: JSONValue?, at path: FieldPath, into result: inout [FieldChange]) {
        switch value {
        case .object(let members)? where !members.isEmpty:
            for key in members.keys.sorted() { expand(members[key], at: path.appending(key), into: &result) }
        case .array(let elements)? where !elements.isEmpty:
            let named = elements.allSatisfy { $0["name"]?.stringValue != nil }
            for (position, element) in elements.enumerated() {
                let component: FieldPath.Component =
                    named ? .match(field: "name", value: element["name"]?.stringValue ?? "") : .index(position)
                expand(element, at: path.appending(component), into: &result)
            }
        default:
            result.append(FieldChange(path: path, before: nil, after: value))
        }
    }
}
