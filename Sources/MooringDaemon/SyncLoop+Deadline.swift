import Foundation
import Logging
import ServiceLifecycle
import Sync
import Synchronization
import Timing

extension SyncLoop {
    /// One sync, cancelled at its deadline, at a graceful shutdown, or when the elector reports the Lease lost; the
    /// report says what was left undone. When the Lease was lost, raises `leader_lost` naming it.
    func syncWithinDeadline() async -> SyncReport {
        let interruption = SyncInterruption()
        let syncs = status.syncs
        let control = SyncControl(fence: leadership, interruption: interruption) { syncs.stage($0) }
        // The sync is begun before its task starts, so the first stage it reports is not overwritten.
        let running = Mutex<Task<SyncReport, Never>?>(nil)
        let stop: @Sendable (SyncInterruption.Reason) -> Void = { reason in
            interruption.stop(reason)
            running.withLock { $0 }?.cancel()
        }
        syncs.begin(within: deadline, interrupt: stop)
        let task = Task { [sync] in await sync(control) }
        running.withLock { $0 = task }
        // A stop that came before the task was there.
        if interruption.reason != nil { task.cancel() }
        // A shutdown, or the loop's own cancellation (another service failed), stops the sync at once.
        let report = await withTaskCancellationOrGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { [deadline, logger] in
                    guard (try? await CancellableSleep.sleep(for: deadline)) != nil else { return }
                    let stuck = syncs.overdue()?.description ?? "a sync is past its deadline"
                    logger.error("\(stuck); cancelling it")
                    stop(.deadline(deadline))
                }
                let report = await task.value
                group.cancelAll()
                return report
            }
        } onCancelOrGracefulShutdown: {
            stop(.shutdown)
        }
        if let lost = syncs.end() { announce(lost, after: report) }
        return report
    }

    /// Raises `leader_lost`, which the elector left to the loop, naming what the abandoned sync left undone.
    private func announce(_ lost: SyncEvent, after report: SyncReport) {
        var event = lost
        let undone = report.targets.compactMap { target in target.leftUndone.map { "target \(target.target): \($0)" } }
        if undone.isEmpty {
            event.message += "; the sync in progress had finished its writes"
        } else {
            event.message += "; abandoned the sync in progress, left undone: " + undone.joined(separator: "; ")
            event.details.undone = undone
        }
        event.log(to: logger)
        alerts?.submit([event])
    }
}
