import Synchronization

/// Cuts a stream of chunks into lines (without their newline), keeping the unfinished end for the next chunk.
final class LineSplitter: Sendable {
    private let pending = Mutex<[UInt8]>([])
    /// The most bytes one line may have.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// The lines `chunk` completes; throws when a line grows past ``limit``.
    func lines(completedBy chunk: [UInt8]) throws(LineTooLong) -> [[UInt8]] {
        try pending.withLock { (pending) throws(LineTooLong) -> [[UInt8]] in
            pending += chunk
            var lines: [[UInt8]] = []
            var start = pending.startIndex
            while let end = pending[start...].firstIndex(of: 0x0A) {
                if end > start { lines.append(Array(pending[start..<end])) }
                start = end + 1
            }
            pending.removeSubrange(..<start)
            guard pending.count <= limit else { throw LineTooLong(limit: limit) }
            return lines
        }
    }
}

/// A line longer than a ``LineSplitter``'s limit.
struct LineTooLong: Error, CustomStringConvertible {
    var limit: Int
    var description: String { "a watch event was larger than \(limit) bytes" }
}
