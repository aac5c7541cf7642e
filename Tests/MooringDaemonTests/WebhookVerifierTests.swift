import Foundation
import TestSupport
import Testing

@testable import MooringDaemon

@Suite("Push webhook signatures")
struct WebhookVerifierTests {
    /// GitHub's documented example: this secret and body give this signature.
    static let secret = "It's a Secret to Everybody"
    static let body = Array("Hello, World!".utf8)
    static let hmac = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"

    private func withVerifier(_ body: (WebhookVerifier) throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("secret").path
            try (Self.secret + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            try body(try WebhookVerifier(secretFile: file))
        }
    }

    @Test("GitHub's sha256 signature and Gitea's are checked against an HMAC of the raw body")
    func signatures() async throws {
        try await withVerifier { verifier in
            #expect(
                verifier.authenticate(headers: ["x-hub-signature-256": "sha256=" + Self.hmac], body: Self.body)
                    == .github
            )
            #expect(verifier.authenticate(headers: ["x-gitea-signature": Self.hmac], body: Self.body) == .gitea)
            #expect(
                verifier.authenticate(headers: ["x-hub-signature-256": "sha256=" + Self.hmac], body: Self.body + [0x20])
                    == nil
            )
            #expect(verifier.authenticate(headers: ["x-hub-signature-256": Self.hmac], body: Self.body) == nil)
            #expect(
                verifier.authenticate(headers: ["x-gitea-signature": Self.hmac.uppercased()], body: Self.body) == .gitea
            )
        }
    }

    @Test("GitLab's token must equal the secret, and a call with no signature is refused")
    func tokens() async throws {
        try await withVerifier { verifier in
            #expect(verifier.authenticate(headers: ["x-gitlab-token": Self.secret], body: []) == .gitlab)
            #expect(verifier.authenticate(headers: ["x-gitlab-token": Self.secret + "x"], body: []) == nil)
            #expect(verifier.authenticate(headers: [:], body: Self.body) == nil)
        }
    }

    @Test("an empty secret file is refused at start-up, naming server.webhookSecretFile")
    func emptySecret() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("secret").path
            try "\n".write(toFile: file, atomically: true, encoding: .utf8)
            let error = #expect(throws: DaemonError.self) { try WebhookVerifier(secretFile: file) }
            #expect(error?.code == .webhookSecret && error?.message.contains("server.webhookSecretFile") == true)
        }
    }
}
