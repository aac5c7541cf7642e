// Folder KubeSim/Merge: JSON, merge and strategic merge patches.

import MooringCore

/// Strategic merge patch: a merge patch whose lists merge by their patch merge key
/// (containers by name, ports by containerPort, …), with the `$patch`, `$retainKeys`,
/// `$deleteFromPrimitiveList` and `$setElementOrder` directives kubectl sends.
enum StrategicMergePatch {
    static func apply(_ patch: JSONValue, to target: JSONValue, schema: Schema) throws(StatusError) -> JSONValue {
        guard case .object(var changes) = patch else { return patch }
        if let directive = changes.removeValue(forKey: "$patch")?.stringValue {
            switch directive {
            case "replace": return .object(stripDirectives(changes))
            case "delete": return .null
            case "merge": break
            default: throw StatusError.badRequest("Unknown patch type found: \(directive)")
            }
        }
        var members = target.objectValue ?? [:]
        if let retained = changes.removeValue(forKey: "$retainKeys")?.arrayValue {
            let keep = Set(retained.compactMap(\.stringValue))
            members = members.filter { keep.contains($0.key) }
        }
        for key in changes.keys.sorted() {
            guard let value = changes[key] else { continue }
            if key.hasPrefix("$setElementOrder/") { continue }
            if key.hasPrefix("$deleteFromPrimitiveList/") {
                let field = String(key.dropFirst("$deleteFromPrimitiveList/".count))
                let removed = value.arrayValue ?? []
                if let current = members[field]?.arrayValue {
                    members[field] = .array(current.filter { !removed.contains($0) })
                }
                continue
            }
            let fieldSchema = schema.field(key) ?? .any
            if value.isNull {
                members[key] = nil
            } else if value.objectValue != nil {
                let merged = try apply(value, to: members[key] ?? [:], schema: fieldSchema)
                members[key] = merged.isNull ? JSONValue?.none : merged
            } else if let elements = value.arrayValue {
                members[key] = try mergeList(elements, into: members[key]?.arrayValue ?? [], schema: fieldSchema)
            } else {
                members[key] = value
            }
        }
        return .object(members)
    }

    private static func mergeList(
        _ patch: [JSONValue],
        into current: [JSONValue],
        schema: Schema
    ) throws(StatusError) -> JSONValue {
        switch schema.listType {
        case .map(_, let mergeKey):
            if patch.contains(where: { $0["$patch"]?.stringValue == "replace" }) {
                return .array(
                    patch.filter { $0["$patch"] == nil }.map { .object(stripDirectives($0.objectValue ?? [:])) }
                )
            }
            var result = current
            for element in patch {
                let identity = element[mergeKey]
                if element["$patch"]?.stringValue == "delete" {
                    result.removeAll { $0[mergeKey] == identity }
                    continue
                }
                if let index = result.firstIndex(where: { $0[mergeKey] == identity }) {
                    result[index] = try apply(element, to: result[index], schema: schema.element)
                } else {
                    result.append(.object(stripDirectives(element.objectValue ?? [:])))
                }
            }
            return .array(result)
        case .set:
            var result = current
            for element in patch where !result.contains(element) { result.append(element) }
            return .array(result)
        case .atomic:
            return .array(patch)
        }
    }

    private static func stripDirectives(_ members: [String: JSONValue]) -> [String: JSONValue] {
        members.filter { !$0.key.hasPrefix("$") }
    }
}
