import MooringCore

/// Reads Mooring's own kinds strictly: every unknown field and every wrong type becomes a diagnostic
/// naming the file, line and field path, and reading goes on so all of them are reported at once.
struct SpecReader {
    let document: ManifestDocument
    private(set) var diagnostics: [Diagnostic] = []

    init(_ document: ManifestDocument) {
        self.document = document
    }

    mutating func report(_ rule: Diagnostic.Rule, at path: FieldPath, _ message: String) {
        diagnostics.append(document.diagnostic(rule, at: path, message))
    }

    /// The members of the object at `path`, reporting any key not in `known` (when given); `nil` (reported)
    /// when the value is not an object, or (unreported unless `required`) when absent.
    mutating func object(at path: FieldPath, known: [String]?, required: Bool = false) -> [String: JSONValue]? {
        guard let value = present(at: path, required: required) else { return nil }
        guard case .object(let members) = value else {
            report(.wrongType, at: path, "\(path) must be an object, not \(value.typeDescription)")
            return nil
        }
        guard let known else { return members }
        for key in members.keys.sorted() where !known.contains(key) {
            report(
                .unknownField,
                at: path.appending(key),
                "unknown field \"\(key)\" in \(path.isRoot ? "the document" : path.description); known fields: \(known.joined(separator: ", "))"
            )
        }
        return members
    }

    mutating func string(at path: FieldPath, required: Bool = false, hint: String? = nil) -> String? {
        guard let value = present(at: path, required: required) else { return nil }
        guard case .string(let text) = value else {
            var message = "\(path) must be a string, not \(value.typeDescription)"
            if let hint, value.doubleValue != nil { message += "; \(hint)" }
            report(.wrongType, at: path, message)
            return nil
        }
        if required, text.isEmpty {
            report(.missingField, at: path, "\(path) must not be empty")
            return nil
        }
        return text
    }

    mutating func int(at path: FieldPath, required: Bool = false) -> Int? {
        guard let value = present(at: path, required: required) else { return nil }
        guard case .int(let number) = value else {
            report(.wrongType, at: path, "\(path) must be a whole number, not \(value.typeDescription)")
            return nil
        }
        return number
    }

    mutating func number(at path: FieldPath, required: Bool = false) -> Double? {
        guard let value = present(at: path, required: required) else { return nil }
        guard let number = value.doubleValue else {
            report(.wrongType, at: path, "\(path) must be a number, not \(value.typeDescription)")
            return nil
        }
        return number
    }

    /// A value that must be one of an enumeration's raw values.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _: Choice.Type,
        at path: FieldPath,
        required: Bool = false
    ) -> Choice? where Choice.RawValue == String {
        guard let text = string(at: path, required: required) else { return nil }
        guard let choice = Choice(rawValue: text) else {
            let choices = Choice.allCases.map(\.rawValue).joined(separator: " or ")
            report(.invalidValue, at: path, "\(path) must be \(choices), not \"\(text)\"")
            return nil
        }
        return choice
    }

    mutating func list(at path: FieldPath) -> [JSONValue]? {
        guard let value = present(at: path, required: false) else { return nil }
        guard case .array(let elements) = value else {
            report(.wrongType, at: path, "\(path) must be a list, not \(value.typeDescription)")
            return nil
        }
        return elements
    }

    /// An object whose values are all strings (labels, annotations).
    mutating func stringMap(at path: FieldPath) -> [String: String] {
        map(at: path) { reader, member in reader.string(at: member) }
    }

    /// An object whose values are all numbers (metrics).
    mutating func numberMap(at path: FieldPath) -> [String: Double] {
        map(at: path) { reader, member in reader.number(at: member) }
    }

    /// An object whose every value `read` accepts; values it refuses (and reports) are left out.
    private mutating func map<Value>(
        at path: FieldPath,
        _ read: (inout SpecReader, FieldPath) -> Value?
    ) -> [String: Value] {
        guard let members = object(at: path, known: nil) else { return [:] }
        var values: [String: Value] = [:]
        for key in members.keys {
            if let value = read(&self, path.appending(key)) { values[key] = value }
        }
        return values
    }

    /// The value at `path`; reports a missing required field. `null` counts as absent.
    private mutating func present(at path: FieldPath, required: Bool) -> JSONValue? {
        guard let value = document.object[path: path], !value.isNull else {
            if required { report(.missingField, at: path, "\(path) is required") }
            return nil
        }
        return value
    }
}
