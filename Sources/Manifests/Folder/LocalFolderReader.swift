// Folder Manifests/Folder: reading a folder on disk, and the target's error.

import Foundation
import Glibc
public import MooringCore

/// Reads a deploy folder from disk into `SourceFile`s, as `mooring validate PATH` and `mooring diff --path`
/// need, with the limits and link rules a git snapshot has: only `*.yaml`, `*.yml` and `*.json` files are
/// read; a symbolic link to a file inside the folder is read as that file, a link that leads outside the
/// folder is refused, and links to folders are not followed (no cycles); `.git` is skipped.
public struct LocalFolderReader: Sendable {
    public var limits: InputLimits

    public init(limits: InputLimits = InputLimits()) {
        self.limits = limits
    }

    /// The manifest files under `path`, with paths relative to it, sorted.
    public func read(at path: String) throws(ManifestsError) -> [SourceFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ManifestsError(code: .folderNotFound, path: path, message: "no such folder")
        }
        let root = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        var files: [SourceFile] = []
        var totalBytes = 0
        try walk(root: root, relative: "", into: &files, totalBytes: &totalBytes)
        return files.sorted { $0.path < $1.path }
    }

    private func walk(
        root: String,
        relative: String,
        into files: inout [SourceFile],
        totalBytes: inout Int
    )
        throws(ManifestsError)
    {
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
                try walk(root: root, relative: child, into: &files, totalBytes: &totalBytes)
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
            files.append(try readFile(at: target, as: child, totalBytes: &totalBytes))
            if files.count > limits.maxFiles {
                throw ManifestsError(
                    code: .folderTooLarge,
                    path: directory,
                    message: "the folder holds more than \(limits.maxFiles) manifest files"
                )
            }
        }
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

    private func readFile(
        at path: String,
        as relative: String,
        totalBytes: inout Int
    ) throws(ManifestsError) -> SourceFile {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ManifestsError(code: .unreadable, path: relative, message: "the file cannot be opened")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            // One byte past the limit is enough to know the file is too large, without reading all of it.
            data = try handle.read(upToCount: limits.maxFileBytes + 1) ?? Data()
        } catch {
            throw ManifestsError(code: .unreadable, path: relative, message: "the file cannot be read")
        }
        guard data.count <= limits.maxFileBytes else {
            throw ManifestsError(
                code: .fileTooLarge,
                path: relative,
                message: "the file is larger than the limit of \(ByteCount(limits.maxFileBytes))"
            )
        }
        totalBytes += data.count
        guard totalBytes <= limits.maxTotalBytes else {
            throw ManifestsError(
                code: .folderTooLarge,
                path: relative,
                message: "the manifest files add up to more than the limit of \(ByteCount(limits.maxTotalBytes))"
            )
        }
        return SourceFile(path: relative, bytes: [UInt8](data))
    }
}
