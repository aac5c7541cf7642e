/// What verifying one commit's signature concluded.
public enum SignatureVerdict: Hashable, Sendable {
    /// A good signature by a key the configured trust files hold.
    case trusted(TrustedSigner)
    /// No acceptable signature: the commit must not be applied.
    case rejected(SignatureRejection)
}
