/// Why a child process could not be run to its end.
///
/// The ``code`` says what went wrong in broad terms; new codes may be added without breaking callers. The
/// ``message`` completes a sentence whose subject is the program ("… did not finish within 5 seconds …"); it never
/// quotes the program's arguments or environment, so callers word the error for their own command.
public struct ChildProcessError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The broad class of a failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: Hashable, Sendable {
            case executableNotFound, notExecutable, inputUnreadable, timedOut, outputTooLarge, cancelled, failed
        }
        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// No such program: not at its path, or not on `PATH`.
        public static let executableNotFound = Code(.executableNotFound)
        /// The file exists but cannot be executed (permissions, not a program, a missing folder on its path).
        public static let notExecutable = Code(.notExecutable)
        /// The file meant for standard input could not be opened.
        public static let inputUnreadable = Code(.inputUnreadable)
        /// The deadline passed; the program and its process group were killed and reaped.
        public static let timedOut = Code(.timedOut)
        /// The program printed more than its limit; it was killed.
        public static let outputTooLarge = Code(.outputTooLarge)
        /// The calling task was cancelled; the program and its process group were killed and reaped.
        public static let cancelled = Code(.cancelled)
        /// Any other failure to start or watch the program.
        public static let failed = Code(.failed)

        public var description: String {
            switch wrapped {
            case .executableNotFound: return "not found"
            case .notExecutable: return "not executable"
            case .inputUnreadable: return "input unreadable"
            case .timedOut: return "timeout"
            case .outputTooLarge: return "output too large"
            case .cancelled: return "cancelled"
            case .failed: return "failed"
            }
        }
    }

    public var code: Code
    /// What happened, as the rest of a sentence about the program.
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
