import GitSource
import Glibc

extension TransferProgress {
    /// Rewrites one status line on stderr (a terminal) while a clone or fetch downloads, ending it when done.
    @Sendable static func show(_ progress: TransferProgress) {
        let total = max(progress.totalObjects, 1)
        let done = progress.indexedObjects == progress.totalObjects
        let line =
            "\rReceiving objects: \(progress.receivedObjects * 100 / total)% "
            + "(\(progress.receivedObjects)/\(progress.totalObjects)), \(byteCount(progress.receivedBytes))"
            + (done ? ", done.\n" : "")
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    private static func byteCount(_ bytes: Int) -> String {
        if bytes < 1 << 10 { return "\(bytes) B" }
        if bytes < 1 << 20 { return "\(bytes >> 10) KiB" }
        return "\(bytes >> 20).\((bytes & ((1 << 20) - 1)) * 10 >> 20) MiB"
    }
}
