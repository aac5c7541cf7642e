import CLibGit2
import Foundation
import MooringCore

/// Reads every file under one folder of a commit's tree, within limits, refusing what could escape the
/// folder (absolute or climbing symlinks), what cannot be read as files (submodules) and names that are
/// not UTF-8. Symlinks to files inside the folder are read as the file they point at.
struct TreeReader {
    let repository: GitRepository
    let folder: String
    let limits: GitSourceLimits
    let commit: CommitID
    private var files: [SourceFile] = []
    private var totalBytes = 0

    init(repository: GitRepository, folder: String, limits: GitSourceLimits, commit: CommitID) {
        self.repository = repository
        self.folder = folder
        self.limits = limits
        self.commit = commit
    }

    /// The files under the folder of `commitPointer`, in tree order.
    mutating func read(_ commitPointer: OpaquePointer) throws(GitSourceError) -> [SourceFile] {
        var root: OpaquePointer?
        guard git_commit_tree(&root, commitPointer) == 0, let root else {
            throw GitSourceError(
                code: .corruptMirror,
                message: "cannot read the commit's tree: \(LibGit2.lastError().message)",
                commit: commit.hex
            )
        }
        defer { git_tree_free(root) }
        guard !folder.isEmpty else {
            try walk(root, folderTree: root, prefix: "")
            return files
        }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, root, folder) == 0, let entry else {
            throw GitSourceError(
                code: .pathMissing,
                message: "the folder '\(folder)' does not exist in this commit",
                commit: commit.hex,
                path: folder
            )
        }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else {
            throw GitSourceError(
                code: .pathMissing,
                message: "'\(folder)' is not a folder in this commit",
                commit: commit.hex,
                path: folder
            )
        }
        let tree = try lookupTree(git_tree_entry_id(entry), path: folder)
        defer { git_tree_free(tree) }
        try walk(tree, folderTree: tree, prefix: "")
        return files
    }

    /// The path as the repository knows it, for messages.
    private func repositoryPath(_ relative: String) -> String {
        folder.isEmpty ? relative : relative.isEmpty ? folder : "\(folder)/\(relative)"
    }

    private mutating func walk(_ tree: OpaquePointer, folderTree: OpaquePointer, prefix: String) throws(GitSourceError)
    {
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index) else { continue }
            let path = try name(of: entry, prefix: prefix)
            switch git_tree_entry_filemode(entry) {
            case GIT_FILEMODE_TREE:
                let subtree = try lookupTree(git_tree_entry_id(entry), path: path)
                defer { git_tree_free(subtree) }
                try walk(subtree, folderTree: folderTree, prefix: path)
            case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE:
                try addFile(path, blob: git_tree_entry_id(entry).pointee)
            case GIT_FILEMODE_LINK:
                let target = try resolveLink(at: path, blob: git_tree_entry_id(entry).pointee, in: folderTree, hops: 0)
                try addFile(path, blob: target)
            case GIT_FILEMODE_COMMIT:
                throw GitSourceError(
                    code: .submodule,
                    message:
                        "'\(repositoryPath(path))' is a submodule; Mooring reads only files stored in this repository",
                    commit: commit.hex,
                    path: repositoryPath(path)
                )
            default:
                throw GitSourceError(
                    code: .git,
                    message: "'\(repositoryPath(path))' has an unknown file mode",
                    commit: commit.hex,
                    path: repositoryPath(path)
                )
            }
        }
    }

    private func name(of entry: OpaquePointer, prefix: String) throws(GitSourceError) -> String {
        let bytes = git_tree_entry_name(entry).map { Array(UnsafeBufferPointer(start: $0, count: strlen($0))) } ?? []
        let raw = bytes.map { UInt8(bitPattern: $0) }
        guard let name = String(validating: raw, as: UTF8.self) else {
            let escaped = repositoryPath(prefix.isEmpty ? LibGit2.escaped(raw) : "\(prefix)/\(LibGit2.escaped(raw))")
            throw GitSourceError(
                code: .invalidPathEncoding,
                message: "the name '\(escaped)' is not valid UTF-8; rename the file",
                commit: commit.hex,
                path: escaped
            )
        }
        return prefix.isEmpty ? name : "\(prefix)/\(name)"
    }

    private func lookupTree(_ oid: UnsafePointer<git_oid>?, path: String) throws(GitSourceError) -> OpaquePointer {
        var tree: OpaquePointer?
        guard let oid, git_tree_lookup(&tree, repository.pointer, oid) == 0, let tree else {
            throw GitSourceError(
                code: .corruptMirror,
                message: "the mirror lacks the tree of '\(repositoryPath(path))'",
                commit: commit.hex,
                path: repositoryPath(path)
            )
        }
        return tree
    }

    private mutating func addFile(_ path: String, blob oid: git_oid) throws(GitSourceError) {
        guard files.count < limits.maxFiles else {
            throw GitSourceError(
                code: .tooManyFiles,
                message: "the folder holds more than \(limits.maxFiles) files",
                commit: commit.hex,
                path: folder.isEmpty ? nil : folder
            )
        }
        let bytes = try read(oid, path: path)
        totalBytes += bytes.count
        guard totalBytes <= limits.maxSnapshotBytes else {
            throw GitSourceError(
                code: .snapshotTooLarge,
                message: "the files under the folder add up to more than \(limits.maxSnapshotBytes) bytes",
                commit: commit.hex,
                path: folder.isEmpty ? nil : folder
            )
        }
        files.append(SourceFile(path: path, bytes: bytes))
    }

    /// A blob's bytes, refused before inflating it when its header says it is over the file limit.
    private func read(_ oid: git_oid, path: String) throws(GitSourceError) -> [UInt8] {
        var oid = oid
        var odb: OpaquePointer?
        var size = 0
        var type = GIT_OBJECT_BLOB
        guard git_repository_odb(&odb, repository.pointer) == 0 else {
            throw GitSourceError(code: .git, message: "cannot open the object database: \(LibGit2.lastError().message)")
        }
        defer { git_odb_free(odb) }
        guard git_odb_read_header(&size, &type, odb, &oid) == 0 else {
            throw GitSourceError(
                code: .corruptMirror,
                message: "the mirror lacks the contents of '\(repositoryPath(path))'",
                commit: commit.hex,
                path: repositoryPath(path)
            )
        }
        guard size <= limits.maxFileBytes else {
            throw GitSourceError(
                code: .fileTooLarge,
                message: "'\(repositoryPath(path))' is \(size) bytes, over the limit of \(limits.maxFileBytes)",
                commit: commit.hex,
                path: repositoryPath(path)
            )
        }
        var blob: OpaquePointer?
        guard git_blob_lookup(&blob, repository.pointer, &oid) == 0, let blob else {
            throw GitSourceError(
                code: .corruptMirror,
                message: "the mirror lacks the contents of '\(repositoryPath(path))'",
                commit: commit.hex,
                path: repositoryPath(path)
            )
        }
        defer { git_blob_free(blob) }
        let count = Int(git_blob_rawsize(blob))
        guard let content = git_blob_rawcontent(blob), count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: count))
    }

    /// The blob a symlink at `path` finally points at, if it stays inside the folder.
    private func resolveLink(
        at path: String,
        blob: git_oid,
        in folderTree: OpaquePointer,
        hops: Int
    ) throws(GitSourceError) -> git_oid {
        let shown = repositoryPath(path)
        let targetBytes = try read(blob, path: path)
        let target = String(decoding: targetBytes, as: UTF8.self)
        func broken(_ reason: String) -> GitSourceError {
            GitSourceError(
                code: .brokenSymlink,
                message: "the symlink '\(shown)' \(reason)",
                commit: commit.hex,
                path: shown
            )
        }
        guard hops < 16 else { throw broken("is part of a chain of more than 16 links") }
        if target.hasPrefix("/") {
            throw GitSourceError(
                code: .symlinkEscape,
                message: "the symlink '\(shown)' points at the absolute path '\(LibGit2.escaped(targetBytes))'",
                commit: commit.hex,
                path: shown
            )
        }
        var components = path.split(separator: "/").dropLast().map(String.init)
        for component in target.split(separator: "/") where component != "." {
            if component == ".." {
                guard components.popLast() != nil else {
                    throw GitSourceError(
                        code: .symlinkEscape,
                        message: "the symlink '\(shown)' points outside the folder ('\(LibGit2.escaped(targetBytes))')",
                        commit: commit.hex,
                        path: shown
                    )
                }
            } else {
                components.append(String(component))
            }
        }
        guard !components.isEmpty else { throw broken("points at the folder itself") }
        let resolved = components.joined(separator: "/")
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, folderTree, resolved) == 0, let entry else {
            throw broken("points at '\(resolved)', which does not exist")
        }
        defer { git_tree_entry_free(entry) }
        let oid = git_tree_entry_id(entry).pointee
        switch git_tree_entry_filemode(entry) {
        case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE:
            return oid
        case GIT_FILEMODE_LINK:
            return try resolveLink(at: resolved, blob: oid, in: folderTree, hops: hops + 1)
        default:
            throw broken("points at '\(resolved)', which is not a file")
        }
    }
}
