/// Where a manifest came from: the file (relative to the deploy folder), the document within it and its line.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    /// Zero-based index of the YAML document in a multi-document file.
    public var document: Int
    /// One-based line where the document (or the field in question) starts.
    public var line: Int

    public init(file: String, document: Int = 0, line: Int = 1) {
        self.file = file
        self.document = document
        self.line = line
    }

    /// `models/fraud/deployment.yaml:12`
    public var description: String { "\(file):\(line)" }
}
