/// Why a commit's signature was not accepted, with what an operator can do about it.
public struct SignatureRejection: Hashable, Sendable, CustomStringConvertible {
    /// Kinds of rejection, extensible without breaking callers.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The commit carries no signature at all.
        public static let unsigned = Reason("unsigned")
        /// Signed by a key that no trust file holds.
        public static let unknownKey = Reason("unknown-key")
        /// The signature does not match the commit (the commit was altered), or is malformed.
        public static let badSignature = Reason("bad-signature")
        /// The key's validity has ended (`valid-before` in allowed_signers, an expired OpenPGP key).
        public static let expiredKey = Reason("expired-key")
        /// The key was revoked.
        public static let revokedKey = Reason("revoked-key")
        /// The key's validity has not begun (`valid-after` in allowed_signers).
        public static let notYetValid = Reason("not-yet-valid")
        /// The key is trusted, but not for git commits (allowed_signers `namespaces`).
        public static let wrongNamespace = Reason("wrong-namespace")
        /// Signed in a format whose trust file is not configured (an SSH signature, no allowedSignersFile).
        public static let formatNotConfigured = Reason("format-not-configured")
        /// Signed in a format Mooring cannot verify (X.509).
        public static let unsupportedFormat = Reason("unsupported-format")

        public var description: String { name }
    }

    public var reason: Reason
    /// What is wrong and what to do, for a person; names keys and files, never secrets.
    public var message: String

    public init(reason: Reason, message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(reason): \(message)" }
}
