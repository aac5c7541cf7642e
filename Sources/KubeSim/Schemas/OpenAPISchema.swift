import MooringCore

/// Renders KubeSim's schemas as OpenAPI v3 schema objects for `/openapi/v3` documents.
enum OpenAPISchema {
    /// The schema, spelled out to a few levels (deeper objects are left open, which is enough for clients' checks).
    static func render(_ schema: Schema, depth: Int) -> JSONValue {
        switch schema.resolved {
        case .any:
            return ["x-kubernetes-preserve-unknown-fields": true]
        case .scalar:
            return ["type": "string"]
        case .map(let element, _):
            return ["type": "object", "additionalProperties": render(element, depth: depth + 1)]
        case .list(let element, let type):
            var list: JSONValue = ["type": "array", "items": render(element, depth: depth + 1)]
            switch type {
            case .atomic: list["x-kubernetes-list-type"] = "atomic"
            case .set: list["x-kubernetes-list-type"] = "set"
            case .map(let keys, _):
                list["x-kubernetes-list-type"] = "map"
                list["x-kubernetes-list-map-keys"] = .array(keys.map { .string($0) })
            }
            return list
        case .object(let object):
            guard depth < 6 else { return ["type": "object", "x-kubernetes-preserve-unknown-fields": true] }
            var properties: [String: JSONValue] = [:]
            for (name, field) in object.fields { properties[name] = render(field, depth: depth + 1) }
            var rendered: JSONValue = ["type": "object", "properties": .object(properties)]
            if object.atomic { rendered["x-kubernetes-map-type"] = "atomic" }
            if object.preservesUnknownFields { rendered["x-kubernetes-preserve-unknown-fields"] = true }
            return rendered
        case .named:
            return ["type": "object"]
        }
    }
}
