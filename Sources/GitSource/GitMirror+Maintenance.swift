import CLibGit2
import Foundation

extension GitMirror {
    /// Where the commits the caller still needs (each target's last applied commit) are pinned, so that no repack
    /// drops them even after the branch was rewritten.
    static let keptNamespace = "refs/mooring/keep/"
    /// How many refs fetched for previews (`mooring diff --ref`) are kept, the most recently fetched.
    public static let keptPreviewRefs = 5
    /// How many `mirror.git.corrupt-*` copies are kept, the newest.
    public static let keptCorruptCopies = 2
    /// Above this many packs the mirror is repacked into one (each fetch adds a pack).
    public static let packLimit = 8

    /// Keeps the mirror from growing with every fetch: pins `keeping` (and drops earlier pins), removes previewed
    /// refs beyond the newest few and `mirror.git.corrupt-*` copies beyond the newest few, and — once there are
    /// more than ``packLimit`` packs — repacks everything into one pack and prunes unreachable objects with the
    /// `git` program (libgit2 cannot repack). Cheap when there is nothing to do: a directory listing.
    public func maintain(keeping: [CommitID]) throws(GitSourceError) -> MirrorMaintenance {
        let repository = try openMirror().repository
        var result = MirrorMaintenance()
        let names = repository.referenceNames()
        try pin(keeping, in: repository, existing: names.filter { $0.hasPrefix(Self.keptNamespace) })
        result.removedPreviewRefs = removePreviewRefs(
            names.filter { $0.hasPrefix(Self.resolvedNamespace) },
            in: repository
        )
        result.removedCorruptCopies = removeCorruptCopies()
        result.packsBefore = packCount()
        result.packsAfter = result.packsBefore
        guard result.packsBefore > Self.packLimit else { return result }
        guard let git = GitCommandLine.find() else {
            result.problem = "git is not installed, so the mirror is not repacked (\(result.packsBefore) packs)"
            return result
        }
        let path = options.mirrorDirectory
        do {
            try git.run(["-C", path, "reflog", "expire", "--expire=now", "--all"], timeout: .seconds(60))
            try git.run(["-C", path, "-c", "gc.auto=0", "repack", "-a", "-d", "-q"], timeout: .seconds(600))
            try git.run(["-C", path, "prune", "--expire=now"], timeout: .seconds(600))
            result.repacked = true
        } catch {
            result.problem = error.message
        }
        result.packsAfter = packCount()
        return result
    }

    /// Points `refs/mooring/keep/<id>` at each commit of `commits` the mirror holds, and removes the other pins.
    private func pin(_ commits: [CommitID], in repository: GitRepository, existing: [String]) throws(GitSourceError) {
        let wanted = Set(commits.map { Self.keptNamespace + $0.hex })
        for name in existing where !wanted.contains(name) { git_reference_remove(repository.pointer, name) }
        for commit in commits where !existing.contains(Self.keptNamespace + commit.hex) {
            var oid = LibGit2.oid(commit)
            guard repository.hasObject(oid) else { continue }
            var reference: OpaquePointer?
            guard
                git_reference_create(&reference, repository.pointer, Self.keptNamespace + commit.hex, &oid, 1, nil) == 0
            else {
                throw GitSourceError(
                    code: .git,
                    message: "cannot pin commit \(commit.short) in the mirror: \(LibGit2.lastError().message)",
                    path: options.mirrorDirectory
                )
            }
            git_reference_free(reference)
        }
    }

    /// Removes the previewed refs but for the ``keptPreviewRefs`` most recently fetched (by their file's time; a
    /// packed ref counts as oldest); returns how many went.
    private func removePreviewRefs(_ names: [String], in repository: GitRepository) -> Int {
        guard names.count > Self.keptPreviewRefs else { return 0 }
        let dated = names.map { name -> (name: String, time: Int) in
            var info = stat()
            let found = stat(options.mirrorDirectory + "/" + name, &info) == 0
            let time = found ? Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec) : 0
            return (name, time)
        }
        let oldest = dated.sorted { ($0.time, $0.name) > ($1.time, $1.name) }.dropFirst(Self.keptPreviewRefs)
        return oldest.count { git_reference_remove(repository.pointer, $0.name) == 0 }
    }

    /// Removes `mirror.git.corrupt-*` copies but for the newest ``keptCorruptCopies`` (their names end in the time
    /// they were set aside); returns what went.
    private func removeCorruptCopies() -> [String] {
        let path = options.mirrorDirectory
        let parent = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".corrupt-"
        let copies = ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).filter {
            $0.hasPrefix(prefix)
        }
        return copies.sorted().dropLast(Self.keptCorruptCopies).compactMap { name in
            let copy = parent + "/" + name
            return (try? FileManager.default.removeItem(atPath: copy)) != nil ? copy : nil
        }
    }

    /// How many packs the mirror's object database holds.
    func packCount() -> Int {
        let packs = (try? FileManager.default.contentsOfDirectory(atPath: options.mirrorDirectory + "/objects/pack"))
        return packs?.count { $0.hasSuffix(".pack") } ?? 0
    }
}
