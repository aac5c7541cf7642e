/// The daemon could not start or keep serving, with what to change.
public struct DaemonError: Error, Sendable, CustomStringConvertible {
    /// Kinds of failure, extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The HTTP listener could not bind `server.listen`.
        public static let listen = Code("listen")
        /// `server.webhookSecretFile` could not be read or is empty.
        public static let webhookSecret = Code("webhook-secret")

        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
