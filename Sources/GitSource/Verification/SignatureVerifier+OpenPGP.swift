extension SignatureVerifier {
    /// `gpg --verify` in a throwaway home (0700) into which only the keyring file was imported, so a key is
    /// trusted exactly when the keyring holds it. The verdict comes from the `--status-fd` lines, never from the
    /// exit status alone; nothing is fetched (no key server, no agent).
    func verifyOpenPGP(
        _ signature: CommitSignature,
        keyring: String,
        in folder: PrivateFolder
    ) async throws(GitSourceError) -> SignatureVerdict {
        let home = try folder.folder("gnupg")
        let signatureFile = try folder.write("commit.sig", signature.signature)
        let payload = try folder.write("commit.payload", signature.signedPayload)
        let runner = VerifierRunner(timeout: timeout)
        let options = [
            "--homedir", home, "--batch", "--no-tty", "--no-autostart", "--no-auto-key-retrieve",
            "--trust-model", "always",
        ]
        let imported = try await runner.run(gpg, options + ["--quiet", "--import", keyring])
        guard imported.status == 0 else {
            throw GitSourceError(
                code: .verifierFailed,
                message: "gpg cannot import the keys of \(keyring): \(Self.firstLine(imported.standardError)); "
                    + "export them with gpg --export",
                path: keyring
            )
        }
        let verified = try await runner.run(gpg, options + ["--status-fd", "1", "--verify", signatureFile, payload])
        return Self.openPGPVerdict(status: verified.status, statusLines: verified.standardOutput, keyring: keyring)
    }

    /// Reads gpg's status lines: trusted only on exactly one signature that is both `GOODSIG` and `VALIDSIG`,
    /// with no bad, expired, revoked or uncheckable signature beside it, and gpg exiting 0.
    static func openPGPVerdict(status: Int32, statusLines: String, keyring: String) -> SignatureVerdict {
        var lines: [(keyword: Substring, fields: [Substring])] = []
        for line in statusLines.split(separator: "\n") where line.hasPrefix("[GNUPG:] ") {
            let words = line.dropFirst("[GNUPG:] ".count).split(separator: " ", omittingEmptySubsequences: false)
            if let keyword = words.first { lines.append((keyword, Array(words.dropFirst()))) }
        }
        func fields(_ keyword: String) -> [Substring]? { lines.first { $0.keyword == keyword }?.fields }
        func rejected(_ reason: SignatureRejection.Reason, _ message: String) -> SignatureVerdict {
            .rejected(SignatureRejection(reason: reason, message: message))
        }
        // ERRSIG: key id, algorithms, class, timestamp, return code (9: no public key), fingerprint.
        let errorFields = fields("ERRSIG")
        let missing = fields("NO_PUBKEY") != nil || errorFields.map { $0.count > 5 && $0[5] == "9" } == true
        if missing {
            let fingerprint = errorFields.flatMap { $0.count > 6 && !$0[6].isEmpty ? $0[6] : $0.first }
            let key = fingerprint ?? fields("NO_PUBKEY")?.first ?? "?"
            return rejected(
                .unknownKey,
                "signed with OpenPGP key \(key), which \(keyring) does not hold; add the signer's public key "
                    + "there (gpg --export) to trust it"
            )
        }
        if let key = fields("BADSIG")?.first {
            return rejected(.badSignature, "the OpenPGP signature by key \(key) does not match the commit")
        }
        if let key = fields("EXPKEYSIG")?.first {
            return rejected(.expiredKey, "the OpenPGP key \(key) has expired")
        }
        if let key = fields("REVKEYSIG")?.first {
            return rejected(.revokedKey, "the OpenPGP key \(key) was revoked")
        }
        if let key = fields("EXPSIG")?.first {
            return rejected(.expiredKey, "the OpenPGP signature by key \(key) has expired")
        }
        if let errorFields {
            return rejected(
                .badSignature,
                "gpg cannot check the signature by key \(errorFields.first ?? "?") (unsupported algorithm?)"
            )
        }
        let signatures = lines.count { $0.keyword == "NEWSIG" }
        guard status == 0, signatures <= 1, let good = fields("GOODSIG"), let valid = fields("VALIDSIG") else {
            return rejected(
                .badSignature,
                signatures > 1 ? "the commit carries more than one OpenPGP signature" : "gpg found no good signature"
            )
        }
        // VALIDSIG: fingerprint, date, timestamp, expiry, version, reserved, algorithms, class, primary fingerprint.
        let primary = valid.count > 9 ? valid[9] : valid.first ?? ""
        return .trusted(
            TrustedSigner(format: .openpgp, name: good.dropFirst().joined(separator: " "), key: String(primary))
        )
    }
}
