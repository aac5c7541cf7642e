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

    /// Progress for the operator, at info level, not an event.
    func progress(_ message: String) {
        logger.info("\(message)")
    }

    func report(
        _ outcome: TargetReport.Outcome,
        commit: String?,
        applied: [ObjectIdentity] = [],
        pruned: [ObjectIdentity] = []
    ) -> TargetReport {
        TargetReport(
            target: target.name,
            outcome: outcome,
            commit: commit,
            events: events,
            applied: applied,
            pruned: pruned,
            duration: ContinuousClock.now - started
        )
    }
}
