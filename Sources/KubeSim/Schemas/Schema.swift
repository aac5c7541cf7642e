/// The shape of a field as the simulated API server knows it: enough to reject unknown fields,
/// merge lists by key and record field ownership the way a real server does.
indirect enum Schema: Sendable {
    /// Any JSON value: `x-kubernetes-preserve-unknown-fields`, `IntOrString`, `Quantity`, raw extensions.
    case any
    /// A string, number or boolean.
    case scalar
    /// An object with known fields.
    case object(ObjectSchema)
    /// An object with free keys (`additionalProperties`), such as labels.
    case map(Schema, atomic: Bool)
    /// A list and how its elements merge.
    case list(Schema, ListType)
    /// A built-in model, resolved lazily (models can be recursive).
    case named(String)
}

/// An object with known fields.
struct ObjectSchema: Sendable {
    var fields: [String: Schema]
    /// Unknown fields are kept rather than rejected (`x-kubernetes-preserve-unknown-fields`).
    var preservesUnknownFields = false
    /// Replaced as a whole on merge and owned as one field (`x-kubernetes-map-type: atomic`).
    var atomic = false
    /// A nested object that carries its own `apiVersion`, `kind` and `metadata`.
    var embeddedResource = false
}

/// How a list merges under server-side apply and strategic merge patch.
enum ListType: Sendable, Equatable {
    /// Replaced as a whole.
    case atomic
    /// A set of scalars.
    case set
    /// Elements identified by `keys` (server-side apply); `mergeKey` is the strategic-merge-patch key.
    case map(keys: [String], mergeKey: String)
}

extension Schema {
    /// The schema with any `.named` reference resolved.
    var resolved: Schema {
        if case .named(let name) = self { return BuiltinSchemas.shared.schema(named: name) }
        return self
    }

    /// The schema of member `key` of an object; `nil` when the field is unknown.
    func field(_ key: String) -> Schema? {
        switch resolved {
        case .any: return .any
        case .object(let object):
            if let field = object.fields[key] { return field }
            return object.preservesUnknownFields ? .any : nil
        case .map(let element, _): return element
        default: return nil
        }
    }

    /// The schema of the elements of a list.
    var element: Schema {
        if case .list(let element, _) = resolved { return element }
        return .any
    }

    /// How a list merges; `.atomic` for anything that is not a list.
    var listType: ListType {
        if case .list(_, let type) = resolved { return type }
        return .atomic
    }

    /// Whether values of this schema are replaced and owned as one field.
    var isAtomic: Bool {
        switch resolved {
        case .any, .scalar: return true
        case .object(let object): return object.atomic
        case .map(_, let atomic): return atomic
        case .list(_, let type): return type == .atomic
        case .named: return true
        }
    }
}
