// Folder Manifests/Folder: reading a folder on disk, and the target's error.

import Foundation
import Glibc
public import MooringCore
import Synchronization

/// Reads a deploy folder from disk into `SourceFile`s, as `mooring validate PATH` and `mooring diff --path`
/// need, with the limits and link rules a git snapshot has: only `*.yaml`, `*.yml` and `*.json` files are
/// read; a symbolic link to a file inside the folder is read as that file, a link that leads outside the
/// folder is refused, and links to folders are not followed (no cycles); `.git` is skipped.
public struct LocalFolderReader: Sendable {
    public var limits: InputLimits
    /// How many files are read at once; what `read(at:)` returns or throws is the same for any number.
    var concurrency = ConcurrentMap()

    public init(limits: InputLimits = InputLimits()) {
        self.limits = limits
    }

    /// A manifest file found by the walk: where its bytes are, and its path in the folder.
    private struct Entry: Sendable {
        var target: String
        var relative: String
    }

    /// The manifest files under `path`, with paths relative to it, sorted.
    ///
    /// The folder is walked first, then the files found are read side by side; the first problem in walk order
    /// is thrown, as if each file had been read when the walk reached it.
    public func read(at path: String) throws(ManifestsError) -> [SourceFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ManifestsError(code: .folderNotFound, path: path, message: "no such folder")
        }
        let root = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        var entries: [Entry] = []
        // A problem found by the walk comes after the files it found before it.
        var walkProblem: ManifestsError?
        do {
            try walk(root: root, relative: "", into: &entries)
        } catch {
            walkProblem = error
        }
        let files = try readAll(entries)
        if let walkProblem { throw walkProblem }
        return files.sorted { $0.path < $1.path }
    }

    private func walk(root: String, relative: String, into entries: inout [Entry]) throws(ManifestsError) {
        let directory = relative.isEmpty ? root : "\(root)/\(relative)"
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw ManifestsError(code: .unreadable, path: directory, message: "the folder cannot be listed")
        }
        for name in names where name != ".git" {
            let child = relative.isEmpty ? name : "\(relative)/\(name)"
            let full = "\(root)/\(child)"
            let type = try fileType(full)
            if type == .directory {
                try walk(root: root, relative: child, into: &entries)
                continue
            }
            guard ManifestDecoder.isManifest(name) else { continue }
            var target = full
            if type == .symbolicLink {
                target = URL(fileURLWithPath: full).resolvingSymlinksInPath().standardizedFileURL.path
                guard target.hasPrefix(root + "/") else {
                    throw ManifestsError(
                        code: .symlinkOutsideFolder,
                        path: child,
                        message: "the symbolic link leads outside the deploy folder; Mooring reads only what is in it"
                    )
                }
                var info = stat()
                guard stat(target, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            } else if type != .regular {
                continue
            }
            entries.append(Entry(target: target, relative: child))
            if entries.count > limits.maxFiles {
                throw ManifestsError(
                    code: .folderTooLarge,
                    path: directory,
                    message: "the folder holds more than \(limits.maxFiles) manifest files"
                )
            }
        }
    }

    /// Reads the files side by side and takes them in walk order, checking the total as it goes. Once the files
    /// read add up to more than the limit, the workers stop reading, so a folder of many large files costs at most
    /// one file per worker past the limit; a file they skipped that is needed after all is read here.
    private func readAll(_ entries: [Entry]) throws(ManifestsError) -> [SourceFile] {
        let bytesRead = Atomic<Int>(0)
        let early = concurrency.map(entries.count) { index -> Result<SourceFile, ManifestsError>? in
            guard bytesRead.load(ordering: .relaxed) <= limits.maxTotalBytes else { return nil }
            let result = Result { () throws(ManifestsError) in try readFile(entries[index]) }
            if case .success(let file) = result { bytesRead.add(file.bytes.count, ordering: .relaxed) }
            return result
        }
        var files: [SourceFile] = []
        var totalBytes = 0
        for (entry, result) in zip(entries, early) {
            let file = try (result ?? Result { () throws(ManifestsError) in try readFile(entry) }).get()
            totalBytes += file.bytes.count
            guard totalBytes <= limits.maxTotalBytes else {
                throw ManifestsError(
                    code: .folderTooLarge,
                    path: entry.relative,
                    message: "the manifest files add up to more than the limit of \(ByteCount(limits.maxTotalBytes))"
                )
            }
            files.append(file)
        }
        return files
    }

    private enum FileType {
        case regular, directory, symbolicLink, other
    }

    /// The type of `path` itself (links not followed), from `lstat`: much cheaper than Foundation's attributes.
    private func fileType(_ path: String) throws(ManifestsError) -> FileType {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            throw ManifestsError(code: .unreadable, path: path, message: "the file cannot be examined")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    private func readFile(_ entry: Entry) throws(ManifestsError) -> SourceFile {
        guard let handle = FileHandle(forReadingAtPath: entry.target) else {
            throw ManifestsError(code: .unreadable, path: entry.relative, message: "the file cannot be opened")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            // One byte past the limit is enough to know the file is too large, without reading all of it.
            data = try handle.read(upToCount: limits.maxFileBytes + 1) ?? Data()
        } catch {
            throw ManifestsError(code: .unreadable, path: entry.relative, message: "the file cannot be read")
        }
        guard data.count <= limits.maxFileBytes else {
            throw ManifestsError(
                code: .fileTooLarge,
                path: entry.relative,
                message: "the file is larger than the limit of \(ByteCount(limits.maxFileBytes))"
            )
        }
        return SourceFile(path: entry.relative, bytes: [UInt8](data))
    }
}
