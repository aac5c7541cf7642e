#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File I/O for the journal and the configuration: whole-file replacement that is atomic and durable (temp file, fsync,
/// rename, fsync of the folder), appends that reach the disk, and bounded reads.
enum DurableFile {
    struct Failure: Error {
        var path: String
        var message: String
    }

    /// Replaces `path` with `bytes`; readers see the old file or the new one, never a mix.
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(Failure) {
        let directory = parentDirectory(of: path)
        let temporary = "\(path).tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure(temporary, "cannot be created") }
        do throws(Failure) {
            try writeAll(bytes, to: descriptor, path: temporary)
            guard fsync(descriptor) == 0 else { throw failure(temporary, "cannot be flushed to disk") }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw failure(path, "cannot be replaced")
        }
        syncDirectory(directory)
    }

    /// Appends `bytes` (one or more whole lines) and flushes them to disk. When the file ends in a
    /// line cut short (a crash mid-append), a newline is written first so the new line stays whole.
    static func append(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(Failure) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure(path, "cannot be opened for appending") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure(path, "cannot be examined") }
        var last: UInt8 = 0x0A
        if info.st_size > 0, pread(descriptor, &last, 1, info.st_size - 1) != 1 {
            throw failure(path, "cannot be read")
        }
        try writeAll(last == 0x0A ? bytes : [0x0A] + bytes, to: descriptor, path: path)
        guard fsync(descriptor) == 0 else { throw failure(path, "cannot be flushed to disk") }
    }

    /// The whole file, or `nil` when it does not exist.
    static func read(_ path: String, limit: Int = 1 << 30) throws(Failure) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw failure(path, "cannot be read")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, "cannot be read")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= limit else { throw Failure(path: path, message: "is larger than \(limit) bytes") }
        }
    }

    /// Creates `path` and its parents (mode 0700) when missing.
    static func createDirectory(_ path: String) throws(Failure) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/\(component)"
            if mkdir(current, 0o700) != 0, errno != EEXIST { throw failure(current, "cannot be created") }
        }
    }

    /// Moves a damaged file aside (never deletes it) and returns the new name.
    static func moveAside(_ path: String, suffix: String) throws(Failure) -> String {
        let target = "\(path).\(suffix)"
        guard rename(path, target) == 0 else { throw failure(path, "cannot be moved aside") }
        return target
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(path, "cannot be written")
            }
            offset += written
        }
    }

    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    private static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func failure(_ path: String, _ message: String) -> Failure {
        Failure(path: path, message: "\(message): \(String(cString: strerror(errno)))")
    }
}
