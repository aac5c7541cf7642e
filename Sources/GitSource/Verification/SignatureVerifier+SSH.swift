import Foundation

extension SignatureVerifier {
    /// `ssh-keygen -Y find-principals` names the allowed_signers entries of the signing key, then
    /// `ssh-keygen -Y verify -n git` checks the signature for one of them, as git does; the namespaces and
    /// validity options of allowed_signers are ssh-keygen's to judge.
    func verifySSH(
        _ signature: CommitSignature,
        allowedSigners: String,
        in folder: PrivateFolder
    ) async throws(GitSourceError) -> SignatureVerdict {
        let signatureFile = try folder.write("commit.sig", signature.signature)
        let payload = try folder.write("commit.payload", signature.signedPayload)
        let runner = VerifierRunner(timeout: timeout)
        let found = try await runner.run(
            sshKeygen,
            ["-Y", "find-principals", "-f", allowedSigners, "-s", signatureFile]
        )
        let principals =
            found.status == 0 ? found.standardOutput.split(separator: "\n").map(String.init).filter { !$0.isEmpty } : []
        guard !principals.isEmpty else {
            if let rejection = Self.sshRejection(found.standardError) { return .rejected(rejection) }
            let check = try await runner.run(
                sshKeygen,
                ["-Y", "check-novalidate", "-n", "git", "-s", signatureFile],
                input: payload
            )
            guard check.status == 0 else {
                return .rejected(Self.sshRejection(check.standardError) ?? Self.badSSHSignature(check.standardError))
            }
            let key = Self.sshKey(in: check.standardOutput).map { "SSH key \($0)" } ?? "an SSH key"
            return .rejected(
                SignatureRejection(
                    reason: .unknownKey,
                    message: "signed with \(key), which \(allowedSigners) does not list; add the signer's public "
                        + "key there to trust it"
                )
            )
        }
        var errors = ""
        for principal in principals {
            let verified = try await runner.run(
                sshKeygen,
                ["-Y", "verify", "-n", "git", "-f", allowedSigners, "-I", principal, "-s", signatureFile],
                input: payload
            )
            if verified.status == 0 {
                let key = Self.sshKey(in: verified.standardOutput) ?? ""
                return .trusted(TrustedSigner(format: .ssh, name: principal, key: key))
            }
            errors += verified.standardError
        }
        return .rejected(Self.sshRejection(errors) ?? Self.badSSHSignature(errors))
    }

    /// The rejection an `ssh-keygen` error output names, when it names one other than a bad signature.
    private static func sshRejection(_ errors: String) -> SignatureRejection? {
        let reasons: [(String, SignatureRejection.Reason)] = [
            ("key has expired", .expiredKey),
            ("key is not yet valid", .notYetValid),
            ("not permitted for use in signature namespace", .wrongNamespace),
            ("revoked", .revokedKey),
        ]
        for line in errors.split(separator: "\n") {
            guard let reason = reasons.first(where: { line.contains($0.0) })?.1 else { continue }
            return SignatureRejection(reason: reason, message: "ssh-keygen: \(line)")
        }
        return nil
    }

    private static func badSSHSignature(_ errors: String) -> SignatureRejection {
        let detail = firstLine(errors)
        return SignatureRejection(
            reason: .badSignature,
            message: "the SSH signature does not verify against the commit" + (detail.isEmpty ? "" : " (\(detail))")
        )
    }

    /// `SHA256:…` from ssh-keygen's `Good "git" signature … with ED25519 key SHA256:…`.
    private static func sshKey(in output: String) -> String? {
        guard let range = output.range(of: " key ", options: .backwards) else { return nil }
        let key = output[range.upperBound...].prefix { !$0.isWhitespace }
        return key.isEmpty ? nil : String(key)
    }
}
