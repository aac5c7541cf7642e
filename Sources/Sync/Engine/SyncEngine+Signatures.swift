import GitSource

extension SyncEngine {
    /// The signature check of `source.verify` (``SignatureGate``), with the verdicts this engine keeps.
    func signatureGate() -> SignatureGate {
        SignatureGate(mode: configuration.source.verifyMode, mirror: mirror, verdict: verdicts())
    }

    /// What verifying a commit's signature concludes against the trust files as they are now, through the verdicts
    /// this engine keeps.
    func verdicts() -> SignatureGate.Verdict {
        let trust = signatureVerifier.trustFingerprint
        return { [self] commit throws(GitSourceError) in try await verdict(on: commit, trust: trust) }
    }

    /// What verifying `commit`'s signature concludes against the trust files whose contents `trust` fingerprints:
    /// a commit is verified once per process and trust files' contents.
    func verdict(on commit: CommitID, trust: String) async throws(GitSourceError) -> SignatureVerdict {
        if let known = signatureVerdicts[commit], known.trust == trust { return known.verdict }
        let verdict = try await signatureVerifier.verify(try await mirror.signature(of: commit))
        signatureVerdicts[commit] = (trust, verdict)
        return verdict
    }
}
