// Folder KubeSim/Schemas: OpenAPI schemas, built in and from CRDs.

import MooringCore

/// The schemas of the built-in kinds KubeSim serves, generated from the Kubernetes Python client's models
/// (see `scripts/generate-kubesim-schemas.py`), with the list and map semantics of the Go API types.
struct BuiltinSchemas: Sendable {
    static let shared = BuiltinSchemas()

    private let models: [String: [String: String]]

    private init() {
        var models: [String: [String: String]] = [:]
        if let parsed = try? JSONValue.parse(Self.data), let table = parsed.objectValue {
            for (name, fields) in table {
                var codes: [String: String] = [:]
                for (field, code) in fields.objectValue ?? [:] { codes[field] = code.stringValue ?? "*" }
                models[name] = codes
            }
        }
        self.models = models
    }

    /// The schema of model `name` (such as `V1Deployment`); `.any` for a model it does not know.
    func schema(named name: String) -> Schema {
        guard let fields = models[name] else { return .any }
        var object = ObjectSchema(fields: [:])
        for (field, code) in fields {
            object.fields[field] = Self.decode(code, model: name, field: field)
        }
        object.atomic = Self.atomicModels.contains(name)
        return .object(object)
    }

    private static func decode(_ code: String, model: String, field: String) -> Schema {
        if code.hasPrefix("[") && code.hasSuffix("]") {
            let element = decode(String(code.dropFirst().dropLast()), model: "", field: "")
            return .list(element, listTypes["\(model).\(field)"] ?? .atomic)
        }
        if code.hasPrefix("{") && code.hasSuffix("}") {
            return .map(decode(String(code.dropFirst().dropLast()), model: "", field: ""), atomic: false)
        }
        switch code {
        case "s", "i", "n", "b", "t": return .scalar
        case "*": return .any
        default: return .named(code)
        }
    }
}
