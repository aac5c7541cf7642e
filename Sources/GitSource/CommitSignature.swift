/// The signature of a signed commit and the bytes it signs, for verification elsewhere.
public struct CommitSignature: Hashable, Sendable {
    /// How the commit was signed, judged by the armor of the signature.
    public enum Format: String, Sendable {
        case ssh, openpgp, x509, unknown
    }

    public var format: Format
    /// The armored signature (the `gpgsig` header, unfolded).
    public var signature: [UInt8]
    /// The commit object without its signature: what the signature covers.
    public var signedPayload: [UInt8]

    public init(signature: [UInt8], signedPayload: [UInt8]) {
        self.signature = signature
        self.signedPayload = signedPayload
        let armor = String(decoding: signature.prefix(40), as: UTF8.self)
        format =
            armor.hasPrefix("-----BEGIN SSH SIGNATURE-----")
            ? .ssh
            : armor.hasPrefix("-----BEGIN PGP SIGNATURE-----")
                ? .openpgp : armor.hasPrefix("-----BEGIN SIGNED MESSAGE-----") ? .x509 : .unknown
    }
}
