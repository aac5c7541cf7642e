import CLibGit2

/// Owns one `git_repository` handle (the bare mirror) and frees it; used on the git thread only.
final class GitRepository {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_repository_free(pointer)
    }

    /// The object a ref points at (following symbolic refs), or nil when the ref does not exist.
    func target(ofReference name: String) -> git_oid? {
        var oid = git_oid()
        return git_reference_name_to_id(&oid, pointer, name) == 0 ? oid : nil
    }

    /// The commit a ref points at, peeling annotated tags.
    func commit(ofReference name: String) -> CommitID? {
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, pointer, name) == 0 else { return nil }
        defer { git_reference_free(reference) }
        var object: OpaquePointer?
        guard git_reference_peel(&object, reference, GIT_OBJECT_COMMIT) == 0 else { return nil }
        defer { git_object_free(object) }
        return LibGit2.commitID(git_object_id(object))
    }

    /// The names of every ref in the repository.
    func referenceNames() -> [String] {
        var list = git_strarray()
        guard git_reference_list(&list, pointer) == 0 else { return [] }
        defer { git_strarray_dispose(&list) }
        return (0..<list.count).compactMap { list.strings[$0].map { String(cString: $0) } }
    }

    /// Whether the object database holds `oid`.
    func hasObject(_ oid: git_oid) -> Bool {
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, pointer) == 0 else { return false }
        defer { git_odb_free(odb) }
        var oid = oid
        return git_odb_exists(odb, &oid) == 1
    }

    /// The full id of the one commit whose id starts with `prefix`; nil when there is none (or several).
    func commit(withPrefix prefix: String) -> CommitID? {
        var oid = git_oid()
        guard git_oid_fromstrn(&oid, prefix, prefix.utf8.count) == 0 else { return nil }
        var commit: OpaquePointer?
        guard git_commit_lookup_prefix(&commit, pointer, &oid, prefix.utf8.count) == 0 else { return nil }
        defer { git_commit_free(commit) }
        return LibGit2.commitID(git_commit_id(commit))
    }

    /// Runs `body` with the commit `id`; throws `commitNotFound` when the mirror lacks it.
    func withCommit<Result>(
        _ id: CommitID,
        _ body: (OpaquePointer) throws(GitSourceError) -> Result
    ) throws(GitSourceError) -> Result {
        var oid = LibGit2.oid(id)
        var commit: OpaquePointer?
        guard git_commit_lookup(&commit, pointer, &oid) == 0, let commit else {
            throw GitSourceError(
                code: .commitNotFound,
                message: "the mirror holds no commit \(id.short); poll or resolve it first",
                commit: id.hex
            )
        }
        defer { git_commit_free(commit) }
        return try body(commit)
    }
}
