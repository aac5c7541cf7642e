import Logging
import Sync

extension SyncLoop {
    /// Sends `WATCHDOG=1` every `period` while no sync is past its deadline, until cancelled. A sync that stays past
    /// its deadline (one that does not stop when cancelled) stops the pings, and systemd restarts Mooring once
    /// `WatchdogSec=` has passed; the stuck stage is logged, and shown in `systemctl status`, once.
    func pingWatchdog(every period: Duration) async {
        var reported: SyncWatch.Overdue?
        while !Task.isCancelled {
            if let overdue = status.syncs.overdue() {
                if reported != overdue {
                    reported = overdue
                    logger.error("\(overdue.description): no more watchdog pings; systemd restarts Mooring")
                    notifier.notify("STATUS=stuck: \(overdue.stage)")
                }
            } else {
                reported = nil
                notifier.notify("WATCHDOG=1")
            }
            try? await Task.sleep(for: period)
        }
    }
}
