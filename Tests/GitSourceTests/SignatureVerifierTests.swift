import Foundation
import GitSource
import TestSupport
import Testing

@Suite("Signature verification with ssh-keygen and gpg")
struct SignatureVerifierTests {
    /// A repository with one commit signed by `key` on top of `deployRepository`'s unsigned one, mirrored:
    /// the signature of the signed commit and of the one before, as the mirror reads them.
    private static func signedCommits(
        in directory: URL,
        with key: SigningKey
    ) async throws -> (signed: CommitSignature?, other: CommitSignature?) {
        let repository = try await onOwnThread { () throws -> GitTestRepository in
            let repository = try deployRepository(in: directory)
            try repository.write("deploy/app.yaml", "kind: ConfigMap\nsigned: true\n")
            try repository.commitSigned("a signed change", with: key)
            try repository.push()
            return repository
        }
        let mirror = try GitMirror(options: options(url: repository.fileURL, in: directory))
        let tip = try await mirror.poll().current
        let parent = try #require(try await mirror.commit(tip).parents.first)
        return (try await mirror.signature(of: tip), try await mirror.signature(of: parent))
    }

    private static func allowedSigners(_ lines: [String], in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("allowed_signers").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private static func rejection(_ verdict: SignatureVerdict) -> SignatureRejection? {
        guard case .rejected(let rejection) = verdict else { return nil }
        return rejection
    }

    @Test("an SSH signature by an allowed signer is trusted and names the principal; an unsigned commit is not")
    func sshTrusted() async throws {
        try await withTemporaryDirectory { directory in
            let key = try await onOwnThread { try SigningKey.ssh(in: directory, name: "ada") }
            let commits = try await Self.signedCommits(in: directory, with: key)
            let file = try Self.allowedSigners(
                [try key.allowedSignersLine(principal: "ada@example.com")],
                in: directory
            )
            let verifier = SignatureVerifier(allowedSignersFile: file, gpgKeyringFile: nil)

            guard case .trusted(let signer) = try await verifier.verify(commits.signed) else {
                Issue.record("the allowed signer's commit was not trusted")
                return
            }
            #expect(signer.name == "ada@example.com")
            #expect(signer.key.hasPrefix("SHA256:"), "\(signer)")
            #expect(commits.other == nil)
            #expect(Self.rejection(try await verifier.verify(commits.other))?.reason == .unsigned)
        }
    }

    @Test("an SSH signature is refused for a key past valid-before, a payload it does not cover, or no allowed_signers")
    func sshRefusals() async throws {
        try await withTemporaryDirectory { directory in
            let key = try await onOwnThread { try SigningKey.ssh(in: directory, name: "ada") }
            let commits = try await Self.signedCommits(in: directory, with: key)
            let signed = try #require(commits.signed)
            #expect(signed.format == .ssh)

            let expired = try Self.allowedSigners(
                [try key.allowedSignersLine(principal: "ada@example.com", options: #"valid-before="20200101""#)],
                in: directory
            )
            let expiredVerdict = try await SignatureVerifier(allowedSignersFile: expired, gpgKeyringFile: nil)
                .verify(signed)
            #expect(Self.rejection(expiredVerdict)?.reason == .expiredKey, "\(expiredVerdict)")

            let allowed = try Self.allowedSigners(
                [try key.allowedSignersLine(principal: "ada@example.com")],
                in: directory
            )
            var altered = signed
            altered.signedPayload += Array("\nsmuggled line".utf8)
            let alteredVerdict = try await SignatureVerifier(allowedSignersFile: allowed, gpgKeyringFile: nil)
                .verify(altered)
            #expect(Self.rejection(alteredVerdict)?.reason == .badSignature, "\(alteredVerdict)")

            let noFile = try await SignatureVerifier(allowedSignersFile: nil, gpgKeyringFile: "/unused").verify(signed)
            let rejection = try #require(Self.rejection(noFile))
            #expect(rejection.reason == .formatNotConfigured)
            #expect(rejection.message.contains("source.verify.allowedSignersFile"), "\(rejection.message)")
        }
    }

    @Test("an OpenPGP signature over an altered payload is refused as a bad signature")
    func openPGPAltered() async throws {
        try await withTemporaryDirectory { directory in
            let key = try await onOwnThread {
                try SigningKey.openpgp(in: directory, name: "Ada", email: "ada@example.com")
            }
            defer { try? key.stopAgent() }
            let commits = try await Self.signedCommits(in: directory, with: key)
            let keyring = directory.appendingPathComponent("trusted.gpg").path
            try await onOwnThread { try key.exportPublicKey(to: keyring) }
            let verifier = SignatureVerifier(allowedSignersFile: nil, gpgKeyringFile: keyring)
            var signed = try #require(commits.signed)
            #expect(signed.format == .openpgp)

            guard case .trusted(let signer) = try await verifier.verify(signed) else {
                Issue.record("the keyring's key was not trusted")
                return
            }
            #expect(signer.name == "Ada <ada@example.com>")
            signed.signedPayload += Array("\nsmuggled line".utf8)
            let verdict = try await verifier.verify(signed)
            #expect(Self.rejection(verdict)?.reason == .badSignature, "\(verdict)")
        }
    }

    @Test(
        "a verifier past its deadline is killed with its process group; a missing verifier or trust file is reported"
    )
    func verifierFailures() async throws {
        try await withTemporaryDirectory { directory in
            let key = try await onOwnThread { try SigningKey.ssh(in: directory, name: "ada") }
            let signed = try #require(try await Self.signedCommits(in: directory, with: key).signed)
            let hanging = directory.appendingPathComponent("hanging-ssh-keygen").path
            let sleeper = directory.appendingPathComponent("sleeper.pid").path
            // A verifier that starts a child of its own and waits for it: the kill must reach the whole group.
            try "#!/bin/sh\nsleep 600 &\necho $! > '\(sleeper)'\nwait\n"
                .write(toFile: hanging, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hanging)
            var verifier = SignatureVerifier(
                allowedSignersFile: try Self.allowedSigners(
                    [try key.allowedSignersLine(principal: "ada")],
                    in: directory
                ),
                gpgKeyringFile: nil,
                timeout: .milliseconds(300)
            )
            verifier.sshKeygen = hanging

            let timedOut = try await #require(throws: GitSourceError.self) { try await verifier.verify(signed) }
            #expect(timedOut.code == .verifierFailed)
            #expect(timedOut.message.contains("did not finish within"), "\(timedOut.message)")
            let pid = try #require(
                Int32(
                    try String(contentsOfFile: sleeper, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                )
            )
            try await waitUntil("the verifier's own child is killed with its group") {
                let state = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
                return state.map { $0.split(separator: " ").dropFirst(2).first == "Z" } ?? true
            }

            verifier.sshKeygen = directory.appendingPathComponent("no-such-ssh-keygen").path
            let missing = try await #require(throws: GitSourceError.self) { try await verifier.verify(signed) }
            #expect(missing.code == .verifierFailed)

            let gone = SignatureVerifier(allowedSignersFile: "/nonexistent/allowed_signers", gpgKeyringFile: nil)
            let unreadable = try await #require(throws: GitSourceError.self) { try await gone.verify(signed) }
            #expect(unreadable.code == .verifierFailed)
            #expect(unreadable.path == "/nonexistent/allowed_signers")
        }
    }
}
