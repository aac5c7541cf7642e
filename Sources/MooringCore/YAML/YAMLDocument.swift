/// One document of a YAML stream, converted to JSON, with the line of every field.
public struct YAMLDocument: Sendable {
    /// The document's content; `.null` for an empty document.
    public var value: JSONValue
    /// Zero-based position in the stream.
    public var index: Int
    /// One-based line where the document's content starts.
    public var line: Int
    /// The line of each field and list element, by path.
    public var fieldLines: [FieldPath: Int]

    public init(value: JSONValue, index: Int, line: Int, fieldLines: [FieldPath: Int] = [:]) {
        self.value = value
        self.index = index
        self.line = line
        self.fieldLines = fieldLines
    }

    /// The line of `path`, or of its nearest ancestor that has one.
    public func line(of path: FieldPath) -> Int {
        var current = path
        while true {
            if let line = fieldLines[current] { return line }
            if current.isRoot { return line }
            current = current.parent
        }
    }
}
