// Folder Cluster/Errors: the typed kubectl failure and how kubectl's words are classified.

public import MooringCore

/// A kubectl call that failed, classified so callers can react to the kind of failure.
///
/// The ``code`` says what went wrong in broad terms; new codes may be added without breaking callers.
/// The ``message`` names the command (verb and objects, never the content of a Secret) and says what to
/// do next. ``details`` holds kubectl's own words, trimmed (and with invalid values redacted when the
/// command touched a Secret).
public struct ClusterError: Error, Sendable, Hashable {
    /// The broad class of a failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: Hashable, Sendable {
            case unreachable, unauthorized, forbidden, conflict, invalid, notFound, unknownKind
            case timeout, cancelled, kubectlMissing, outputTooLarge, unexpectedOutput, failed, internalError
        }
        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The API server could not be reached: connection refused, DNS, TLS or a network error.
        public static let unreachable = Code(.unreachable)
        /// The server rejected the credentials (HTTP 401).
        public static let unauthorized = Code(.unauthorized)
        /// The credentials are valid but lack permission (HTTP 403).
        public static let forbidden = Code(.forbidden)
        /// HTTP 409: a server-side apply conflict with another field manager, a stale resourceVersion,
        /// or an object that already exists.
        public static let conflict = Code(.conflict)
        /// HTTP 422 or 400: the server refused the object as invalid.
        public static let invalid = Code(.invalid)
        /// HTTP 404: the object (or its namespace) does not exist.
        public static let notFound = Code(.notFound)
        /// The server serves no resource type of the requested kind (a CRD not installed, for example).
        public static let unknownKind = Code(.unknownKind)
        /// The call ran longer than its deadline; kubectl and everything it started were killed.
        public static let timeout = Code(.timeout)
        /// The task running the call was cancelled (Mooring is shutting down); kubectl and its group were killed.
        public static let cancelled = Code(.cancelled)
        /// The kubectl binary is missing or not executable.
        public static let kubectlMissing = Code(.kubectlMissing)
        /// kubectl printed more than the configured output limit; it was killed.
        public static let outputTooLarge = Code(.outputTooLarge)
        /// kubectl succeeded but printed something that could not be understood.
        public static let unexpectedOutput = Code(.unexpectedOutput)
        /// Any other failure; ``ClusterError/exitCode`` and ``ClusterError/details`` say more.
        public static let failed = Code(.failed)
        /// A local failure around the call: a temporary file could not be written, a process not spawned.
        public static let internalError = Code(.internalError)

        public var description: String {
            switch wrapped {
            case .unreachable: return "unreachable"
            case .unauthorized: return "unauthorized"
            case .forbidden: return "forbidden"
            case .conflict: return "conflict"
            case .invalid: return "invalid"
            case .notFound: return "not found"
            case .unknownKind: return "unknown kind"
            case .timeout: return "timeout"
            case .cancelled: return "cancelled"
            case .kubectlMissing: return "kubectl missing"
            case .outputTooLarge: return "output too large"
            case .unexpectedOutput: return "unexpected output"
            case .failed: return "failed"
            case .internalError: return "internal error"
            }
        }
    }

    public var code: Code
    /// What went wrong and what to do next, in a sentence or two a person can act on.
    public var message: String
    /// The command, as `kubectl apply --server-side (2 objects: …)`: verb and objects, no content.
    public var command: String
    /// The object the failure concerns, when kubectl's output names one.
    public var object: ObjectIdentity?
    /// For conflicts from server-side apply: the other field managers and the fields they own.
    public var conflicts: [FieldConflict]
    /// For invalid objects: the causes the server gave (`spec.replicas: Invalid value: -1: …`).
    public var causes: [String]
    /// kubectl's exit status, when it exited by itself.
    public var exitCode: Int32?
    /// kubectl's error output, trimmed to a readable size.
    public var details: String

    public init(
        code: Code,
        message: String,
        command: String,
        object: ObjectIdentity? = nil,
        conflicts: [FieldConflict] = [],
        causes: [String] = [],
        exitCode: Int32? = nil,
        details: String = ""
    ) {
        self.code = code
        self.message = message
        self.command = command
        self.object = object
        self.conflicts = conflicts
        self.causes = causes
        self.exitCode = exitCode
        self.details = details
    }
}

extension ClusterError: CustomStringConvertible {
    public var description: String {
        var text = object.map { "\(command): \($0): \(message)" } ?? "\(command): \(message)"
        if !details.isEmpty, !message.contains(details) { text += "\nkubectl said: \(details)" }
        return text
    }
}
