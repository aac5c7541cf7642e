import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The CPU time the calling thread spends in `body`. Unlike the wall clock it does not grow while the tests beside
/// this one hold the cores, so a bound on it checks the work done, not how busy the machine was.
public func threadCPUTime(_ body: () throws -> Void) rethrows -> Duration {
    var start = timespec()
    var end = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
    try body()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
    return .seconds(end.tv_sec - start.tv_sec) + .nanoseconds(end.tv_nsec - start.tv_nsec)
}
