import Dispatch
import Foundation
import Synchronization

/// Runs a function over the indices `0..<count` on a bounded number of threads and returns its results in index
/// order, whichever finished first: the decoder reads a commit's files side by side this way, and its output stays
/// the same as one thread's. Each worker takes the next index not yet taken, so a few large files do not leave the
/// others idle. With one worker, or one index, everything runs on the calling thread.
///
/// The calling thread is one of the workers and waits for the others: call it from synchronous code (a blocking
/// wait on Dispatch's threads, not on the Swift concurrency pool).
struct ConcurrentMap: Sendable {
    /// Most threads working at once, the calling thread included.
    var workers: Int

    /// One worker per core this process may use.
    static var coreCount: Int {
        ProcessInfo.processInfo.activeProcessorCount
    }

    init(workers: Int = ConcurrentMap.coreCount) {
        self.workers = max(1, workers)
    }

    func map<Result: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> Result) -> [Result] {
        let width = min(workers, count)
        guard width > 1 else { return (0..<count).map(transform) }
        let next = Atomic<Int>(0)
        let results = Mutex<[Result?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: width) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                let result = transform(index)
                results.withLock { $0[index] = result }
            }
        }
        return results.withLock { $0.compactMap { $0 } }
    }
}
