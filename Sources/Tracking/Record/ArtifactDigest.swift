import Crypto
import Foundation

/// The content digest of a model artifact on a local file system.
///
/// - A file: `sha256:` and the SHA-256 of its bytes.
/// - A folder: `sha256:` and the SHA-256 of a listing of every regular file below it (symbolic links
///   followed), one line per file, sorted by relative path in byte order: the file's SHA-256 in lowercase
///   hex, two spaces, its path relative to the folder (`/`-separated), and a newline — the output of
///   `sha256sum`. So the digest can be checked without Mooring:
///   `cd DIR && find -L . -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum`.
///   Folder names, permissions and times do not count; an empty folder has the digest of an empty listing.
public enum ArtifactDigest {
    /// The digest of the file or folder at `path`.
    public static func compute(path: String) throws(TrackingError) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw TrackingError(.artifact, "the artifact \(path) does not exist on this machine")
        }
        guard isFolder.boolValue else { return "sha256:" + (try fileHash(path)) }
        var listing = SHA256()
        for relative in try files(in: path) {
            let line = try fileHash(path + "/" + relative) + "  " + relative + "\n"
            listing.update(data: Data(line.utf8))
        }
        return "sha256:" + hex(listing.finalize())
    }

    /// The local path of an artifact URI: `file://` URIs and absolute paths; `nil` for remote storage.
    public static func localPath(of uri: String) -> String? {
        if uri.hasPrefix("/") { return uri }
        guard let url = URL(string: uri), url.scheme?.lowercased() == "file" else { return nil }
        return url.path
    }

    /// Every regular file below `root`, relative, sorted by the bytes of its path.
    private static func files(in root: String) throws(TrackingError) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else {
            throw TrackingError(.artifact, "cannot list the artifact folder \(root)")
        }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder) else {
                throw TrackingError(.artifact, "the artifact file \(root)/\(relative) cannot be read (a broken link?)")
            }
            if !isFolder.boolValue { found.append(relative) }
        }
        return found.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The SHA-256 of a file's bytes in lowercase hex, read in chunks (models can be large).
    private static func fileHash(_ path: String) throws(TrackingError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TrackingError(.artifact, "cannot read the artifact file \(path)")
        }
        defer { try? handle.close() }
        var hash = SHA256()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(data: chunk) }
        } catch {
            throw TrackingError(.artifact, "cannot read the artifact file \(path): \(error.localizedDescription)")
        }
        return hex(hash.finalize())
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
