import Crypto
import Foundation

/// Checks that a push webhook comes from the git host that shares `server.webhookSecretFile`, the way each host
/// signs its calls; every comparison takes the same time whatever the bytes, so the secret cannot be guessed.
struct WebhookVerifier: Sendable {
    /// The largest body read; a push event of a big merge stays far below.
    static let bodyLimit = 1024 * 1024

    /// The git host a call was authenticated as.
    enum Host: String, Sendable {
        /// `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`.
        case github
        /// `X-Gitea-Signature: <hex HMAC-SHA256 of the body>` (Forgejo sends it too).
        case gitea
        /// `X-Gitlab-Token: <the secret>`.
        case gitlab
    }

    private let secret: [UInt8]

    /// A verifier for the secret in `file` (a trailing line break is not part of it).
    init(secretFile file: String) throws(DaemonError) {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw DaemonError(
                code: .webhookSecret,
                message: "server.webhookSecretFile \(file) cannot be read; check that it exists and that Mooring's "
                    + "user may read it"
            )
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw DaemonError(
                code: .webhookSecret,
                message: "server.webhookSecretFile \(file) is empty; put the webhook's shared secret in it"
            )
        }
        secret = Array(text.utf8)
    }

    /// The host whose signature or token in `headers` (by lowercase name) matches `body`; `nil` when none does.
    func authenticate(headers: [String: String], body: [UInt8]) -> Host? {
        if let signature = headers["x-hub-signature-256"] {
            return signature.hasPrefix("sha256=") && signs(body, hex: signature.dropFirst("sha256=".count))
                ? .github : nil
        }
        if let signature = headers["x-gitea-signature"] {
            return signs(body, hex: Substring(signature)) ? .gitea : nil
        }
        if let token = headers["x-gitlab-token"] {
            // Digests, so that neither the comparison's time nor its length depends on the secret.
            let given = Array(SHA256.hash(data: Array(token.utf8)))
            return Self.constantTimeEqual(given, Array(SHA256.hash(data: secret))) ? .gitlab : nil
        }
        return nil
    }

    /// Whether `hex` is the HMAC-SHA256 of `body` under the secret.
    private func signs(_ body: [UInt8], hex: Substring) -> Bool {
        let expected = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        return Self.constantTimeEqual(Array(hex.lowercased().utf8), Array(Self.hex(Array(expected)).utf8))
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Compares every byte whatever the first difference (the lengths compared are public: a signature's).
    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
