/// A host configuration file that cannot be used: unreadable, malformed, or with a key that is
/// unknown, mistyped or out of range. Every problem names the file, the line and the key.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// One problem in the file.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The key path, such as `source.pollInterval` or `targets[1].cluster.kubeconfig`.
        public var key: String
        /// One-based line, 0 when the file could not be parsed that far.
        public var line: Int
        public var message: String

        public init(key: String, line: Int, message: String) {
            self.key = key
            self.line = line
            self.message = message
        }

        public var description: String { line > 0 ? "line \(line): \(key): \(message)" : "\(key): \(message)" }
    }

    public var file: String
    public var problems: [Problem]

    public init(file: String, problems: [Problem]) {
        self.file = file
        self.problems = problems
    }

    public var description: String {
        problems.map { "\(file):\($0.line > 0 ? "\($0.line):" : "") \($0.key): \($0.message)" }
            .joined(separator: "\n")
    }
}
