// Folder Timing: a sleep whose cancellation releases its timer, and that timer.

/// A sleep whose cancellation releases its timer at once.
///
/// `Task.sleep` on Linux enqueues a job with the wake-up time; cancelling the sleep resumes the caller but leaves that
/// job, a task and a Dispatch timer, allocated until the time it would have woken. A sleep that is a deadline or a
/// timeout — cancelled almost always, long before it ends — so keeps memory for as long as the deadline: a daemon that
/// runs a sync every poll, each with a deadline of half an hour and a timeout for every kubectl call, holds thousands
/// of them. This sleep runs on a `DispatchSourceTimer` of its own that cancellation cancels, so nothing outlives the
/// sleep.
///
/// Time is the monotonic clock's (`DispatchTime`), which does not advance while the machine is suspended.
public enum CancellableSleep {
    /// Returns once `duration` has passed; throws `CancellationError` as soon as the task is cancelled (at once when
    /// it already was), with the timer cancelled.
    public static func sleep(for duration: Duration) async throws(CancellationError) {
        let timer = SleepTimer()
        let fired = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                timer.start(after: duration, resuming: continuation)
            }
        } onCancel: {
            timer.cancel()
        }
        guard fired else { throw CancellationError() }
    }
}
