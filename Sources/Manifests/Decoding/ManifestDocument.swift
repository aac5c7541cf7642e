import MooringCore

/// One object read from a manifest file: a whole document, or one item of a `kind: List`.
struct ManifestDocument: Sendable {
    var file: String
    var document: YAMLDocument
    /// Where the object sits in its document: the root, or `items[3]` for a List item.
    var prefix: FieldPath
    var object: JSONValue

    /// The line of a field of the object (`path` relative to the object), or of its nearest ancestor.
    func line(of path: FieldPath) -> Int {
        document.line(of: documentPath(path))
    }

    /// A field path of the object as a path in its document (`items[3].metadata.name` for a List item).
    func documentPath(_ path: FieldPath) -> FieldPath {
        prefix.isRoot ? path : FieldPath(prefix.components + path.components)
    }

    var origin: SourceLocation {
        SourceLocation(file: file, document: document.index, line: line(of: .root))
    }

    /// A diagnostic about a field of this object.
    func diagnostic(_ rule: Diagnostic.Rule, at path: FieldPath, _ message: String) -> Diagnostic {
        Diagnostic(
            rule: rule,
            file: file,
            line: line(of: path),
            field: documentPath(path).isRoot ? nil : documentPath(path),
            message: message,
            object: identity
        )
    }

    /// The object's identity, when its kind and name are readable.
    var identity: ObjectIdentity? {
        guard let kind = object["kind"]?.stringValue, let name = object["metadata"]?["name"]?.stringValue else {
            return nil
        }
        let namespace = object["metadata"]?["namespace"]?.stringValue
        return ObjectIdentity(
            apiVersion: object["apiVersion"]?.stringValue ?? "",
            kind: kind,
            namespace: namespace?.isEmpty == false ? namespace : nil,
            name: name
        )
    }
}
