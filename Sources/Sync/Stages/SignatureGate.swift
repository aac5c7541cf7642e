import GitSource

/// The signature check of a sync under `source.verify`: whether a commit may be rendered, or the
/// `signature_rejected` event that refuses it.
struct SignatureGate {
    /// What verifying a commit concluded (the engine keeps each verdict: no commit is verified twice by this process
    /// while the trust files stay the same).
    typealias Verdict = @Sendable (CommitID) async throws(GitSourceError) -> SignatureVerdict

    /// `source.verify`.
    var mode: SourceSettings.VerifyMode
    var mirror: GitMirror
    var verdict: Verdict

    /// The `signature_rejected` event that refuses `commit`, or nil when it may be applied. Throws when a verifier
    /// could not run to its end: no verdict, so the commit is neither applied nor refused.
    ///
    /// `head` checks `commit`; `strict` checks every commit since the last applied one, oldest first, and names
    /// the first it rejects. On a first sync, or when the mirror no longer holds the last applied commit, `strict`
    /// checks only `commit`: Mooring never deployed the history before it, and a repository that started signing
    /// part-way through its history would otherwise be refused forever. The last applied commit is not checked
    /// again: it is serving already.
    func refusal(of commit: CommitID, lastApplied: String?, run: TargetRun) async throws(GitSourceError) -> SyncEvent? {
        guard mode != .off, commit.hex != lastApplied else { return nil }
        for candidate in try await commitsToVerify(upTo: commit, since: lastApplied) {
            switch try await verdict(candidate) {
            case .trusted(let signer):
                if candidate == commit { run.progress("commit \(commit.short) is signed by \(signer)") }
            case .rejected(let rejection):
                let info = try? await mirror.commit(candidate)
                return Self.rejection(commit, rejection, at: candidate, info: info, lastApplied: lastApplied)
            }
        }
        return nil
    }

    private func commitsToVerify(
        upTo commit: CommitID,
        since lastApplied: String?
    ) async throws(GitSourceError) -> [CommitID] {
        guard mode == .strict, let last = lastApplied.flatMap(CommitID.init) else { return [commit] }
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

    /// The `signature_rejected` event refusing `commit` because `candidate` (`commit` itself, or one of the commits
    /// since `lastApplied`; `info`: what it says about itself) has its signature rejected.
    static func rejection(
        _ commit: CommitID,
        _ rejection: SignatureRejection,
        at candidate: CommitID,
        info: CommitInfo?,
        lastApplied: String?
    ) -> SyncEvent {
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
