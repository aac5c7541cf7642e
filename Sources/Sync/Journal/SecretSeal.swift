import Crypto
import MooringCore

/// Secret values as the journal keeps them at rest: each value under a Secret's `data` and `stringData` becomes
/// `hmac-sha256:<hex>`, a digest of its key and value under the host's digest key (``StateKey``). Two digests are
/// equal when the values are, which is all change detection needs; the values themselves never reach the disk. A
/// sealed Secret is never applied: when one must be (a heal, a re-creation), it is read again from its commit.
struct SecretSeal: Sendable {
    static let prefix = "hmac-sha256:"
    private static let fields = ["data", "stringData"]

    let key: SymmetricKey

    /// `object` with its Secret values replaced by digests; any other object, and values already sealed, as they are.
    func sealed(_ object: JSONValue) -> JSONValue {
        guard object["kind"]?.stringValue == "Secret" else { return object }
        var copy = object
        for field in Self.fields {
            guard let members = object[field]?.objectValue else { continue }
            var sealed: [String: JSONValue] = [:]
            for (name, value) in members {
                if let text = value.stringValue, text.hasPrefix(Self.prefix) {
                    sealed[name] = value
                } else {
                    let message = Array("\(field)\u{0}\(name)\u{0}\(value.serialized())".utf8)
                    let code = HMAC<SHA256>.authenticationCode(for: message, using: key)
                    sealed[name] = .string(Self.prefix + StateKey.hex(code))
                }
            }
            copy[field] = .object(sealed)
        }
        return copy
    }

    /// Whether `object` is a Secret whose values were sealed (it cannot be applied as it is).
    static func isSealed(_ object: JSONValue) -> Bool {
        guard object["kind"]?.stringValue == "Secret" else { return false }
        return fields.contains { field in
            object[field]?.objectValue?.values.contains { $0.stringValue?.hasPrefix(prefix) == true } == true
        }
    }
}
