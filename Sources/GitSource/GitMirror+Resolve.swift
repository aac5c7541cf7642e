extension GitMirror {
    /// Where `resolve(ref:)` keeps what it fetched, apart from the tracked branch.
    static let resolvedNamespace = "refs/mooring/remote/"

    /// Resolves a branch, tag, full ref (`refs/pull/7/head`) or commit id (full or abbreviated) to a commit
    /// in the mirror, fetching it when needed. Branch and tag names are always checked against the remote,
    /// so a preview sees the latest push; a commit id the mirror already holds needs no network.
    public func resolve(ref: String) throws(GitSourceError) -> ResolvedRef {
        let repository = try openMirror().repository
        if let id = CommitID(ref), (try? repository.withCommit(id) { _ in () }) != nil {
            return ResolvedRef(ref: ref, fullName: nil, commit: id, requests: [])
        }
        let session = try RemoteSession(options: options, url: url, progress: progress)
        defer { record(session.requests) }
        let connection = try RemoteConnection(repository: repository, session: session)
        let heads = try connection.heads()
        let candidates = ref.hasPrefix("refs/") || ref == "HEAD" ? [ref] : ["refs/heads/\(ref)", "refs/tags/\(ref)"]
        if let head = candidates.lazy.compactMap({ name in heads.first { $0.name == name } }).first {
            let local = Self.resolvedNamespace + (head.name == "HEAD" ? "HEAD" : String(head.name.dropFirst(5)))
            if repository.target(ofReference: local).map({ LibGit2.equal($0, head.oid) }) != true
                || !repository.hasObject(head.oid)
            {
                try connection.fetch(["+\(head.name):\(local)"])
            }
            guard let commit = repository.commit(ofReference: local) else {
                throw GitSourceError(
                    code: .refNotFound,
                    message: "'\(ref)' does not point at a commit",
                    remote: url.redacted,
                    ref: head.name
                )
            }
            return ResolvedRef(ref: ref, fullName: head.name, commit: commit, requests: session.requests)
        }
        if ref.utf8.count >= 4, ref.utf8.count <= 40, ref.utf8.allSatisfy(\.isHexDigit) {
            // libgit2 1.5 cannot fetch a commit by id: fetch every branch and tag, then look again.
            if let commit = repository.commit(withPrefix: ref) {
                return ResolvedRef(ref: ref, fullName: nil, commit: commit, requests: session.requests)
            }
            try connection.fetch([
                "+refs/heads/*:\(Self.resolvedNamespace)heads/*", "+refs/tags/*:\(Self.resolvedNamespace)tags/*",
            ])
            if let commit = repository.commit(withPrefix: ref) {
                return ResolvedRef(ref: ref, fullName: nil, commit: commit, requests: session.requests)
            }
        }
        throw GitSourceError(
            code: .refNotFound,
            message: "'\(ref)' is neither a branch, a tag, a ref nor a commit id (unique prefix) on the remote",
            remote: url.redacted,
            ref: ref
        )
    }
}
