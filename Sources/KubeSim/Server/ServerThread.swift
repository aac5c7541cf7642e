import Foundation

/// The thread one simulator runs on, as both its API server's serial executor and the task executor of its request
/// handling.
///
/// A real API server does not slow down when its clients are busy; in process, a simulator on Swift's shared pool
/// (as many threads as cores) would. Code under test that keeps those threads busy — synchronous waits for a child,
/// long computations, `fsync` — would then leave kubectl without an answer until its timeout (the 30-second stalls
/// of tests run side by side). On a thread of its own the simulator answers whatever the rest of the process does.
/// The thread ends once nothing uses the executor any more and its last job has run. Tests give their other
/// in-process servers (a webhook receiver) one too.
public final class ServerThread: SerialExecutor, TaskExecutor, @unchecked Sendable {
    /// The jobs, shared with the thread, which does not keep the executor alive.
    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        var jobs: [UnownedJob] = []
        var ended = false
    }

    private let queue = Queue()

    /// Starts the thread, named `name`.
    public init(name: String) {
        let queue = queue
        let serial = UnownedSerialExecutor(ordinary: self)
        let task = UnownedTaskExecutor(ordinary: self)
        let thread = Thread {
            while true {
                queue.condition.lock()
                while queue.jobs.isEmpty, !queue.ended { queue.condition.wait() }
                guard !queue.jobs.isEmpty else {
                    queue.condition.unlock()
                    return
                }
                let job = queue.jobs.removeFirst()
                queue.condition.unlock()
                job.runSynchronously(isolatedTo: serial, taskExecutor: task)
            }
        }
        thread.name = name
        thread.start()
    }

    deinit {
        queue.condition.lock()
        queue.ended = true
        queue.condition.signal()
        queue.condition.unlock()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.condition.lock()
        queue.jobs.append(job)
        queue.condition.signal()
        queue.condition.unlock()
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    public func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }
}
