import GitSource

extension SyncEngine {
    /// The `signature_rejected` event that refuses `commit` under `source.verify`, or nil when it may be applied.
    /// Throws when a verifier could not run to its end: no verdict, so the commit is neither applied nor refused.
    ///
    /// `head` checks `commit`; `strict` checks every commit since the last applied one, oldest first, and names
    /// the first it rejects. On a first sync, or when the mirror no longer holds the last applied commit, `strict`
    /// checks only `commit`: Mooring never deployed the history before it, and a repository that started signing
    /// part-way through its history would otherwise be refused forever. The last applied commit is not checked
    /// again: it is serving already. A commit is verified once per process and trust files' contents.
    func signatureRefusal(
        of commit: CommitID,
        lastApplied: String?,
        run: TargetRun
    ) async throws(GitSourceError) -> SyncEvent? {
        guard configuration.source.verifyMode != .off, commit.hex != lastApplied else { return nil }
        let trust = signatureVerifier.trustFingerprint
        for candidate in try await commitsToVerify(upTo: commit, since: lastApplied) {
            switch try await verdict(on: candidate, trust: trust) {
            case .trusted(let signer):
                if candidate == commit { run.progress("commit \(commit.short) is signed by \(signer)") }
            case .rejected(let rejection):
                return await rejected(commit, rejection, at: candidate, lastApplied: lastApplied)
            }
        }
        return nil
    }

    private func commitsToVerify(
        upTo commit: CommitID,
        since lastApplied: String?
    ) async throws(GitSourceError)
        -> [CommitID]
    {
        guard configuration.source.verifyMode == .strict, let last = lastApplied.flatMap(CommitID.init) else {
            return [commit]
        }
        do {
            // A tip that is an ancestor of the last applied commit (the branch reset to an older commit) is
            // outside the range, and is checked itself.
            let range = try await mirror.commits(from: last, to: commit)
            return range.last == commit ? range : range + [commit]
        } catch {
            guard error.code == .commitNotFound else { throw error }
            return [commit]
        }
    }

    func verdict(on commit: CommitID, trust: String) async throws(GitSourceError) -> SignatureVerdict {
        if let known = signatureVerdicts[commit], known.trust == trust { return known.verdict }
        let verdict = try await signatureVerifier.verify(try await mirror.signature(of: commit))
        signatureVerdicts[commit] = (trust, verdict)
        return verdict
    }

    private func rejected(
        _ commit: CommitID,
        _ rejection: SignatureRejection,
        at candidate: CommitID,
        lastApplied: String?
    ) async -> SyncEvent {
        let info = try? await mirror.commit(candidate)
        let author = info.map { "\($0.author.name) <\($0.author.email)>" } ?? "unknown"
        let rejected = "signature rejected (\(rejection.reason)): \(rejection.message)"
        let message =
            candidate == commit
            ? "commit \(commit.short) by \(author) refused, nothing applied: \(rejected)"
            : "commit \(commit.short) refused, nothing applied: \(candidate.short) by \(author) "
                + "(\"\(info?.summary ?? "")\"), one of the commits since the last applied "
                + "\(lastApplied?.prefix(12) ?? "none"), has its \(rejected)"
        return SyncEvent(
            .signatureRejected,
            .error,
            message,
            details: .init(
                commit: commit,
                rejectedCommit: candidate,
                author: author,
                reason: rejection.reason.description
            )
        )
    }
}
