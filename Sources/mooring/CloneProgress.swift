import GitSource

#if canImport(Glibc)
import Glibc
#endif

/// A progress line on the terminal while git downloads objects (a first clone can take a while).
enum CloneProgress {
    /// Rewrites one stderr line with the transfer so far; ends it when every object is indexed.
    @Sendable static func report(_ progress: TransferProgress) {
        guard progress.totalObjects > 0 else { return }
        let percent = progress.receivedObjects * 100 / progress.totalObjects
        let megabytes = Double(progress.receivedBytes) / 1_048_576
        let done = progress.indexedObjects == progress.totalObjects
        let megabytesText = String(Int(megabytes * 10) / 10) + "." + String(Int(megabytes * 10) % 10)
        let line =
            "\rreceiving objects: \(percent)% (\(progress.receivedObjects)/\(progress.totalObjects)), \(megabytesText) MiB"
            + (done ? ", done.\n" : "")
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
