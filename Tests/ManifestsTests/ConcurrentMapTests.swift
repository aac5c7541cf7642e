import Dispatch
import Synchronization
import Testing

@testable import Manifests

@Suite("running a function over indices on several threads")
struct ConcurrentMapTests {
    @Test("with two workers, two indices are worked on at the same time (each waits to see the other start)")
    func twoAtOnce() {
        let started = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        let sawOther = ConcurrentMap(workers: 2).map(2) { index in
            started[index].signal()
            // Run one after the other, the first index would wait here until the deadline and report false.
            return started[1 - index].wait(timeout: .now() + .seconds(30)) == .success
        }
        #expect(sawOther == [true, true])
    }

    @Test("results come back in index order, though the first index finishes last")
    func indexOrder() {
        let lastDone = DispatchSemaphore(value: 0)
        let count = 40
        let results = ConcurrentMap(workers: 2).map(count) { index in
            if index == count - 1 { lastDone.signal() }
            if index == 0 { _ = lastDone.wait(timeout: .now() + .seconds(30)) }
            return index * 3
        }
        #expect(results == (0..<count).map { $0 * 3 })
    }

    @Test("one worker takes the indices one after another, in order")
    func oneWorker() {
        let order = Mutex<[Int]>([])
        let results = ConcurrentMap(workers: 1).map(5) { index in
            order.withLock { $0.append(index) }
            return index
        }
        #expect(results == [0, 1, 2, 3, 4])
        #expect(order.withLock { $0 } == [0, 1, 2, 3, 4])
    }

    @Test("the decoder reads with one worker per core unless told otherwise")
    func decoderUsesEveryCore() {
        let decoder = ManifestDecoder(limits: InputLimits())
        #expect(decoder.concurrency.workers == ConcurrentMap.coreCount)
        #expect(ConcurrentMap(workers: 0).workers == 1)
    }
}
