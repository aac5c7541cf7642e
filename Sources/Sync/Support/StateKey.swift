import Crypto
import Glibc

/// This host's secret key in the state directory (`state.key`, 32 random bytes, mode 0600), made on first start.
///
/// `state.json` carries an HMAC-SHA256 of its content under a key derived from it, so a file written by anyone who
/// does not hold the key is refused; Secret values are kept in the journal only as HMAC-SHA256 digests under a
/// second derived key (see ``SecretSeal``), enough to tell whether they changed and useless to guess them from.
struct StateKey: Sendable {
    static let fileName = "state.key"
    private static let length = 32

    private let material: SymmetricKey
    /// Whether this call created the key (no key existed before: the first start, or the first after an upgrade).
    let created: Bool

    /// The key in `directory`, made (and written with mode 0600) when there is none and `creating` is set.
    /// A key file that exists but cannot be read, or has the wrong length, is an error: a new key would make the
    /// state unreadable, so it is never replaced silently.
    static func load(in directory: String, creating: Bool = true) throws(DurableFile.Failure) -> StateKey? {
        let path = directory + "/" + fileName
        if let bytes = try DurableFile.read(path, limit: 4096) {
            guard bytes.count == length else {
                throw DurableFile.Failure(
                    path: path,
                    message: "holds \(bytes.count) bytes, not a \(length)-byte key; restore it from a backup, or "
                        + "move it and state.json aside to start afresh"
                )
            }
            return StateKey(material: SymmetricKey(data: bytes), created: false)
        }
        guard creating else { return nil }
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        if try DurableFile.create(fresh, at: path) {
            return StateKey(material: SymmetricKey(data: fresh), created: true)
        }
        // Another process made it first: use theirs.
        return try load(in: directory, creating: false)
    }

    /// `hmac-sha256:<hex>` of `bytes` under the key for `state.json`.
    func authenticate(_ bytes: some Sequence<UInt8>) -> String {
        "hmac-sha256:" + Self.hex(HMAC<SHA256>.authenticationCode(for: Array(bytes), using: derived("state.json")))
    }

    /// Whether `code` is the code ``authenticate(_:)`` gives for `bytes` (compared in constant time).
    func isAuthentic(_ bytes: some Sequence<UInt8>, code: String) -> Bool {
        let expected = Array(authenticate(bytes).utf8)
        let given = Array(code.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The key Secret digests are made with.
    var secretDigestKey: SymmetricKey { derived("secret-values") }

    private func derived(_ purpose: String) -> SymmetricKey {
        SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array("mooring \(purpose)".utf8), using: material))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
