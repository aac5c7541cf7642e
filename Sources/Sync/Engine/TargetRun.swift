import Foundation
import Logging
import MooringCore

/// The bookkeeping of one target during one sync: its events and the entry for the audit trail.
struct TargetRun {
    let target: TargetSettings
    let started = ContinuousClock.now
    let logger: Logger
    private(set) var events: [SyncEvent] = []

    init(target: TargetSettings, logger: Logger) {
        self.target = target
        var logger = logger
        logger[metadataKey: "target"] = .string(target.name)
        self.logger = logger
    }

    /// Records an event and logs it with its stable name.
    mutating func raise(_ event: SyncEvent) {
        var event = event
        event.fields["target"] = target.name
        events.append(event)
        event.log(to: logger)
    }

    /// Seconds since the run started, to the millisecond.
    var elapsedSeconds: Double {
        Double((ContinuousClock.now - started) / .milliseconds(1)) / 1000
    }

    /// Progress for the operator, at info level, not an event.
    func progress(_ message: String) {
        logger.info("\(message)")
    }

    /// A repeat of something already logged (a commit still refused, a backoff still running), at debug level, so
    /// that each poll does not log it again.
    func repeated(_ message: String) {
        logger.debug("\(message)")
    }

    func report(
        _ outcome: TargetReport.Outcome,
        commit: String?,
        refusedCommit: String? = nil,
        applied: [ObjectIdentity] = [],
        pruned: [ObjectIdentity] = []
    ) -> TargetReport {
        TargetReport(
            target: target.name,
            outcome: outcome,
            commit: commit,
            refusedCommit: refusedCommit,
            events: events.map { event in
                // Each event names the commit it is about: its own, else the one the target is synced to.
                var event = event
                if event.fields["commit"] == nil, let about = commit ?? refusedCommit { event.fields["commit"] = about }
                return event
            },
            applied: applied,
            pruned: pruned,
            duration: ContinuousClock.now - started
        )
    }
}
