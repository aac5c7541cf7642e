import CLibGit2
import Foundation

extension GitMirror {
    /// Opens the mirror, creating it when absent. One that libgit2 cannot open, or whose tracked branch
    /// points at a missing commit or tree, is moved aside (never deleted) and a fresh one is created;
    /// the second value is where the old one went.
    func openMirror() throws(GitSourceError) -> (repository: GitRepository, movedAside: String?) {
        let path = options.mirrorDirectory
        var movedAside: String?
        if FileManager.default.fileExists(atPath: path) {
            var pointer: OpaquePointer?
            let flags = GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue | GIT_REPOSITORY_OPEN_BARE.rawValue
            if !suspect, git_repository_open_ext(&pointer, path, flags, nil) == 0, let pointer {
                let opened = GitRepository(pointer)
                // Not `verified || isIntact(opened)`: the autoclosure would capture `opened`.
                let intact = verified ? true : isIntact(opened)
                if intact {
                    verified = true
                    return (opened, nil)
                }
            }
            movedAside = try moveAside(path)
        }
        var pointer: OpaquePointer?
        guard git_repository_init(&pointer, path, 1) == 0, let pointer else {
            throw GitSourceError(
                code: .git,
                message: "cannot create the mirror: \(LibGit2.lastError().message)",
                path: path
            )
        }
        suspect = false
        verified = true
        return (GitRepository(pointer), movedAside)
    }

    /// Whether the tracked branch's commit and its root tree are present (or the branch was never fetched).
    private func isIntact(_ repository: GitRepository) -> Bool {
        guard repository.target(ofReference: trackedReference) != nil else { return true }
        guard let tip = repository.commit(ofReference: trackedReference) else { return false }
        return (try? repository.withCommit(tip) { commit in repository.hasObject(git_commit_tree_id(commit).pointee) })
            ?? false
    }

    /// Renames the mirror to `mirror.git.corrupt-<UTC time>` and says where it went.
    private func moveAside(_ path: String) throws(GitSourceError) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        let stamp = formatter.string(from: Date())
        var destination = "\(path).corrupt-\(stamp)"
        var attempt = 1
        while FileManager.default.fileExists(atPath: destination) {
            attempt += 1
            destination = "\(path).corrupt-\(stamp)-\(attempt)"
        }
        do {
            try FileManager.default.moveItem(atPath: path, toPath: destination)
        } catch {
            throw GitSourceError(
                code: .corruptMirror,
                message:
                    "the mirror is unusable and cannot be moved aside to \(destination): \(error.localizedDescription)",
                path: path
            )
        }
        return destination
    }

    /// Marks the mirror for moving aside at the next open, and says so.
    func missingObject(_ what: String, commit: CommitID, path: String? = nil) -> GitSourceError {
        suspect = true
        verified = false
        return GitSourceError(
            code: .corruptMirror,
            message: "the mirror lacks \(what); it will be moved aside and cloned again at the next poll",
            commit: commit.hex,
            path: path
        )
    }
}
