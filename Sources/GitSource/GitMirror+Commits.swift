import CLibGit2
import Foundation

extension GitMirror {
    /// Id, author, committer, message and parents of a commit in the mirror.
    public func commit(_ id: CommitID) throws(GitSourceError) -> CommitInfo {
        let repository = try openMirror().repository
        return try repository.withCommit(id) { commit in Self.info(of: commit, id: id) }
    }

    /// True when `commit` is `ancestor` or one of its descendants. False when `ancestor` is not in the
    /// mirror at all (history was rewritten and the old commit is gone): callers raise `history_rewritten`.
    public func isDescendant(_ commit: CommitID, of ancestor: CommitID) throws(GitSourceError) -> Bool {
        let repository = try openMirror().repository
        guard commit != ancestor else { return true }
        _ = try repository.withCommit(commit) { _ in () }
        var descendant = LibGit2.oid(commit)
        var ancestorOid = LibGit2.oid(ancestor)
        guard repository.hasObject(ancestorOid) else { return false }
        let result = git_graph_descendant_of(repository.pointer, &descendant, &ancestorOid)
        guard result >= 0 else {
            throw GitSourceError(
                code: .git,
                message: "cannot compare \(commit.short) with \(ancestor.short): \(LibGit2.lastError().message)",
                commit: commit.hex
            )
        }
        return result == 1
    }

    /// The commits reachable from `to` but not from `from`, oldest first (parents before children);
    /// every commit from the root when `from` is nil.
    public func commits(from: CommitID?, to: CommitID) throws(GitSourceError) -> [CommitID] {
        let repository = try openMirror().repository
        _ = try repository.withCommit(to) { _ in () }
        var walk: OpaquePointer?
        guard git_revwalk_new(&walk, repository.pointer) == 0, let walk else {
            throw GitSourceError(code: .git, message: "cannot walk history: \(LibGit2.lastError().message)")
        }
        defer { git_revwalk_free(walk) }
        git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue)
        var tip = LibGit2.oid(to)
        git_revwalk_push(walk, &tip)
        if let from {
            var hidden = LibGit2.oid(from)
            guard repository.hasObject(hidden), git_revwalk_hide(walk, &hidden) == 0 else {
                throw GitSourceError(
                    code: .commitNotFound,
                    message: "the mirror holds no commit \(from.short) to start from",
                    commit: from.hex
                )
            }
        }
        var ids: [CommitID] = []
        var oid = git_oid()
        while git_revwalk_next(&oid, walk) == 0 {
            if let id = LibGit2.commitID(oid) { ids.append(id) }
        }
        return ids
    }

    /// The signature of a commit and the payload it signs; nil when the commit is not signed.
    public func signature(of id: CommitID) throws(GitSourceError) -> CommitSignature? {
        let repository = try openMirror().repository
        _ = try repository.withCommit(id) { _ in () }
        var signature = git_buf()
        var payload = git_buf()
        defer {
            git_buf_dispose(&signature)
            git_buf_dispose(&payload)
        }
        var oid = LibGit2.oid(id)
        let result = git_commit_extract_signature(&signature, &payload, repository.pointer, &oid, nil)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        guard result == 0 else {
            throw GitSourceError(
                code: .git,
                message: "cannot read the signature: \(LibGit2.lastError().message)",
                commit: id.hex
            )
        }
        return CommitSignature(signature: Self.bytes(of: signature), signedPayload: Self.bytes(of: payload))
    }

    private static func bytes(of buffer: git_buf) -> [UInt8] {
        guard let pointer = buffer.ptr else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: buffer.size))
    }

    static func info(of commit: OpaquePointer, id: CommitID) -> CommitInfo {
        let parents = (0..<git_commit_parentcount(commit)).compactMap {
            LibGit2.commitID(git_commit_parent_id(commit, $0))
        }
        return CommitInfo(
            id: id,
            author: person(git_commit_author(commit)),
            committer: person(git_commit_committer(commit)),
            message: git_commit_message(commit).map { String(cString: $0) } ?? "",
            summary: git_commit_summary(commit).map { String(cString: $0) } ?? "",
            parents: parents
        )
    }

    private static func person(_ signature: UnsafePointer<git_signature>?) -> CommitPerson {
        guard let signature = signature?.pointee else {
            return CommitPerson(name: "", email: "", time: Date(timeIntervalSince1970: 0), utcOffsetMinutes: 0)
        }
        return CommitPerson(
            name: signature.name.map { String(cString: $0) } ?? "",
            email: signature.email.map { String(cString: $0) } ?? "",
            time: Date(timeIntervalSince1970: TimeInterval(signature.when.time)),
            utcOffsetMinutes: Int(signature.when.offset)
        )
    }
}
