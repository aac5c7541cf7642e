import MooringCore

/// One invalid field of an object, as a real API server's validation reports it.
struct FieldError: Sendable, CustomStringConvertible {
    enum Kind: String, Sendable {
        case required = "FieldValueRequired"
        case invalid = "FieldValueInvalid"
        case notSupported = "FieldValueNotSupported"
        case duplicate = "FieldValueDuplicate"
        case forbidden = "FieldValueForbidden"
    }

    var kind: Kind
    /// The path, such as `spec.template.spec.containers[0].image`.
    var field: String
    /// The offending value, printed as Go's validation prints it; `nil` for required fields.
    var value: String?
    var detail: String

    static func required(_ field: String) -> FieldError {
        FieldError(kind: .required, field: field, value: nil, detail: "")
    }

    static func invalid(_ field: String, _ value: JSONValue, _ detail: String) -> FieldError {
        FieldError(kind: .invalid, field: field, value: Self.render(value), detail: detail)
    }

    static func notSupported(_ field: String, _ value: JSONValue, supported: [String]) -> FieldError {
        let quoted = supported.map { "\"\($0)\"" }.joined(separator: ", ")
        return FieldError(
            kind: .notSupported,
            field: field,
            value: Self.render(value),
            detail: "supported values: \(quoted)"
        )
    }

    static func forbidden(_ field: String, _ detail: String) -> FieldError {
        FieldError(kind: .forbidden, field: field, value: nil, detail: detail)
    }

    var summary: String {
        switch kind {
        case .required: return "Required value" + (detail.isEmpty ? "" : ": \(detail)")
        case .invalid: return "Invalid value: \(value ?? "null"): \(detail)"
        case .notSupported: return "Unsupported value: \(value ?? "null"): \(detail)"
        case .duplicate: return "Duplicate value: \(value ?? "null")"
        case .forbidden: return "Forbidden: \(detail)"
        }
    }

    var description: String { "\(field): \(summary)" }

    var cause: JSONValue {
        ["reason": .string(kind.rawValue), "message": .string(summary), "field": .string(field)]
    }

    private static func render(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return "\"\(text)\""
        default: return value.serialized()
        }
    }
}
