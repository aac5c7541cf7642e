/// Why `mooring demo` could not tell its story.
///
/// The ``code`` says what went wrong in broad terms; new codes may be added without breaking callers.
public struct DemoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The broad class of a failure.
    public struct Code: Hashable, Sendable {
        private enum Wrapped: Hashable, Sendable {
            case setupFailed, stepFailed
        }
        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The machine lacks what the demo needs before it starts — git, kubectl, a writable temporary folder.
        public static let setupFailed = Code(.setupFailed)
        /// A step of the story went wrong; the workspace was removed.
        public static let stepFailed = Code(.stepFailed)
    }

    public var code: Code
    /// What went wrong and what to do, for a person.
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
