/// YAML text that could not be read: a syntax error, or input past one of the reader's limits.
///
/// Messages never quote document content, so a malformed Secret cannot leak through them.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Kinds of failure, extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The text is not valid YAML.
        public static let syntax = Code("syntax")
        /// Nesting deeper than the limit.
        public static let tooDeep = Code("too-deep")
        /// More nodes than the budget allows, usually an alias bomb.
        public static let tooManyNodes = Code("too-many-nodes")
        /// More documents in one file than the limit allows.
        public static let tooManyDocuments = Code("too-many-documents")
        /// A construct Kubernetes manifests cannot use (an alias or collection as a key, a non-finite number…).
        public static let unsupported = Code("unsupported")

        public var description: String { name }
    }

    public var code: Code
    /// Zero-based index of the document in the stream.
    public var document: Int
    /// One-based line of the problem (0 when unknown).
    public var line: Int
    public var message: String

    public init(code: Code, document: Int, line: Int, message: String) {
        self.code = code
        self.document = document
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
