public import MooringCore

/// Keeps Secret values out of diffs, drift reports and logs: anything under a Secret's `data` or
/// `stringData` is replaced by a marker that only says whether it changed.
public enum SecretRedaction {
    public static let marker: JSONValue = "(redacted)"

    private static let secretFields: [FieldPath] = [FieldPath([.key("data")]), FieldPath([.key("stringData")])]

    /// Whether values at `path` of an object of `kind` must be hidden.
    public static func isSecret(kind: String, path: FieldPath) -> Bool {
        kind == "Secret" && secretFields.contains { path.hasPrefix($0) }
    }

    /// The change with secret values replaced.
    public static func redact(_ change: FieldChange, kind: String) -> FieldChange {
        guard isSecret(kind: kind, path: change.path) else { return change }
        return FieldChange(
            path: change.path,
            before: change.before.map(redacted),
            after: change.after.map(redacted)
        )
    }

    /// A whole object with its secret values replaced (for printing a Secret that will be created).
    public static func redact(object: JSONValue) -> JSONValue {
        guard object["kind"]?.stringValue == "Secret" else { return object }
        var copy = object
        for field in secretFields {
            if let value = copy[path: field] { copy.set(redacted(value), at: field) }
        }
        return copy
    }

    /// Objects keep their keys (which are not secret), every value becomes the marker.
    private static func redacted(_ value: JSONValue) -> JSONValue {
        if case .object(let members) = value { return .object(members.mapValues { _ in marker }) }
        return marker
    }
}
