import Glibc

/// Small POSIX checks on paths named in the configuration.
enum FileAccess {
    /// Whether `path` is a regular file (or a link to one) this process may read.
    static func isReadableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, R_OK) == 0
    }
}
