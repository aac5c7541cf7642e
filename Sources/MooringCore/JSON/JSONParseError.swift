/// JSON text that could not be parsed, with the position of the problem.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One-based line of the problem.
    public var line: Int
    /// One-based column (in bytes) of the problem.
    public var column: Int
    /// What was wrong, for a person.
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}
