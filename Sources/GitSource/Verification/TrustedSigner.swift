/// Who made a good signature, as the trust file names them.
public struct TrustedSigner: Hashable, Sendable, CustomStringConvertible {
    public var format: CommitSignature.Format
    /// The principal of the allowed_signers line (SSH), or the key's user id (OpenPGP).
    public var name: String
    /// The key: `SHA256:…` (SSH) or the primary key's fingerprint (OpenPGP).
    public var key: String

    public init(format: CommitSignature.Format, name: String, key: String) {
        self.format = format
        self.name = name
        self.key = key
    }

    public var description: String { "\(name) (\(format.rawValue) key \(key))" }
}
