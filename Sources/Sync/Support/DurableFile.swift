// Folder Sync/Support: atomic files, file stamps, the state key, a bounded cache.

import Glibc

/// File I/O for the journal and the configuration: whole-file replacement that is atomic and durable (temp file, fsync,
/// rename, fsync of the folder), appends that reach the disk, and bounded reads.
enum DurableFile {
    struct Failure: Error {
        var path: String
        var message: String
    }

    /// Replaces `path` with `bytes`; readers see the old file or the new one, never a mix.
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(Failure) {
        let temporary = try writeTemporary(bytes, for: path, mode: mode)
        guard rename(temporary, path) == 0 else {
            let failure = failure(path, "cannot be replaced")
            unlink(temporary)
            throw failure
        }
        syncDirectory(parentDirectory(of: path))
    }

    /// Creates `path` holding `bytes`, whole, unless a file is there already: `false` then, and that file is
    /// left as it is (another process got there first).
    static func create(_ bytes: [UInt8], at path: String, mode: mode_t = 0o600) throws(Failure) -> Bool {
        let temporary = try writeTemporary(bytes, for: path, mode: mode)
        defer { unlink(temporary) }
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { return false }
            throw failure(path, "cannot be created")
        }
        syncDirectory(parentDirectory(of: path))
        return true
    }

    /// Removes the temporary files of `path` that a crashed writer left (`<path>.tmp-<pid>`, none of this process).
    static func removeTemporaries(of path: String) {
        let directory = parentDirectory(of: path)
        let prefix = String(path.dropFirst(directory.count + 1)) + ".tmp-"
        let own = prefix + "\(getpid())"
        for name in entries(of: directory) where name.hasPrefix(prefix) && name != own {
            unlink(directory + "/" + name)
        }
    }

    /// The names in `directory` (without `.` and `..`); empty when it cannot be read.
    static func entries(of directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// The size of the file at `path`, or `nil` when there is none.
    static func size(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// Checks that `path`, when it exists, can be opened for writing (without changing it).
    static func checkWritable(_ path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return }
            throw failure(path, "cannot be written")
        }
        close(descriptor)
    }

    /// `bytes` in a new temporary file beside `path`, flushed to disk; returns its path.
    private static func writeTemporary(_ bytes: [UInt8], for path: String, mode: mode_t) throws(Failure) -> String {
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
        return temporary
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
        var bytes: [UInt8] = []
        let found = try forEachChunk(of: path) { (chunk) throws(Failure) in
            bytes.append(contentsOf: chunk)
            guard bytes.count <= limit else { throw Failure(path: path, message: "is larger than \(limit) bytes") }
        }
        return found ? bytes : nil
    }

    /// Calls `body` with each line of the file at `path` (without its newline; empty lines skipped), reading it
    /// in chunks so that a file of any size can be read. Nothing when the file does not exist. From an `offset`
    /// past the start, only the lines that begin at or after it are given.
    static func forEachLine(of path: String, from offset: Int = 0, _ body: (ArraySlice<UInt8>) -> Void) throws(Failure)
    {
        var pending: [UInt8] = []
        // From the byte before `offset`: everything up to its first newline belongs to an earlier line.
        var partial = offset > 0
        _ = try forEachChunk(of: path, from: max(0, offset - 1)) { chunk in
            pending.append(contentsOf: chunk)
            if partial {
                guard let end = pending.firstIndex(of: 0x0A) else { return pending.removeAll() }
                pending.removeSubrange(...end)
                partial = false
            }
            guard let last = pending.lastIndex(of: 0x0A) else { return }
            for line in pending[..<last].split(separator: 0x0A) { body(line) }
            pending.removeSubrange(...last)
        }
        if !pending.isEmpty { body(pending[...]) }
    }

    /// Calls `body` with the file's content, a chunk at a time; `false` when the file does not exist.
    private static func forEachChunk(
        of path: String,
        from offset: Int = 0,
        _ body: (ArraySlice<UInt8>) throws(Failure) -> Void
    ) throws(Failure) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return false }
            throw failure(path, "cannot be read")
        }
        defer { close(descriptor) }
        if offset > 0, lseek(descriptor, off_t(offset), SEEK_SET) < 0 { throw failure(path, "cannot be read") }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, "cannot be read")
            }
            if count == 0 { return true }
            try body(chunk[0..<count])
        }
    }

    /// Removes the file at `path` (nothing when there is none).
    static func remove(_ path: String) throws(Failure) {
        guard unlink(path) == 0 || errno == ENOENT else { throw failure(path, "cannot be removed") }
    }

    /// Renames `from` to `to`, replacing `to`.
    static func move(_ from: String, to: String) throws(Failure) {
        guard Glibc.rename(from, to) == 0 else { throw failure(from, "cannot be renamed to \(to)") }
    }

    /// Removes the files in `directory` whose names start with `prefix`, but for the `keeping` last by name (the
    /// names end in a timestamp, so these are the newest). Best effort: what cannot be removed stays.
    static func removeOldest(matching prefix: String, in directory: String, keeping: Int) {
        let names = entries(of: directory).filter { $0.hasPrefix(prefix) }.sorted()
        for name in names.dropLast(keeping) { unlink(directory + "/" + name) }
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
