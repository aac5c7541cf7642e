import MooringCore

/// Finds fields a schema does not declare, the way the real server's strict decoding does.
enum StrictDecoding {
    /// An unknown field and where it is, in both spellings the real server uses.
    struct UnknownField {
        /// `spec.template.spec.containers[0].foo`, as `strict decoding error: unknown field "..."` prints it.
        var decodingPath: String
        /// `.spec.template.spec.containers[name="app"].foo`, as server-side apply prints it.
        var applyPath: String
    }

    static func unknownFields(in value: JSONValue, schema: Schema) -> [UnknownField] {
        var found: [UnknownField] = []
        walk(value, schema: schema, decodingPath: "", applyPath: "", found: &found)
        return found
    }

    private static func walk(
        _ value: JSONValue,
        schema: Schema,
        decodingPath: String,
        applyPath: String,
        found: inout [UnknownField]
    ) {
        let resolved = schema.resolved
        switch (value, resolved) {
        case (.object(let members), .object(let object)):
            for key in members.keys.sorted() {
                guard let child = members[key] else { continue }
                let nextDecoding = decodingPath.isEmpty ? key : "\(decodingPath).\(key)"
                let nextApply = "\(applyPath).\(key)"
                if let fieldSchema = object.fields[key] {
                    walk(child, schema: fieldSchema, decodingPath: nextDecoding, applyPath: nextApply, found: &found)
                } else if !object.preservesUnknownFields
                    && !(object.embeddedResource && ["apiVersion", "kind", "metadata"].contains(key))
                {
                    found.append(UnknownField(decodingPath: nextDecoding, applyPath: nextApply))
                }
            }
        case (.object(let members), .map(let element, _)):
            for key in members.keys.sorted() {
                guard let child = members[key] else { continue }
                walk(
                    child,
                    schema: element,
                    decodingPath: "\(decodingPath)[\(key)]",
                    applyPath: "\(applyPath).\(key)",
                    found: &found
                )
            }
        case (.array(let elements), .list(let element, let type)):
            for (index, child) in elements.enumerated() {
                var applyElement = "[\(index)]"
                if case .map(let keys, _) = type {
                    let present = keys.compactMap { key in child[key].map { "\(key)=\($0.serialized())" } }
                    applyElement = "[" + present.joined(separator: ",") + "]"
                }
                walk(
                    child,
                    schema: element,
                    decodingPath: "\(decodingPath)[\(index)]",
                    applyPath: applyPath + applyElement,
                    found: &found
                )
            }
        default:
            break
        }
    }
}
