import Foundation
import GitSource
import Logging
import MooringCore

/// The bookkeeping of one target during one sync: its events and the entry for the audit trail.
struct TargetRun {
    let target: TargetSettings
    let started = ContinuousClock.now
    let logger: Logger
    /// The daemon's hold on this sync: the write fence, why it was cancelled, where stages are reported.
    let control: SyncControl
    private(set) var events: [SyncEvent] = []
    /// The commit being synced, once known.
    var commit: CommitID?
    /// The stage in progress (applying, pruning, waiting for health), once one began.
    private(set) var stage: String?
    /// Why the sync was abandoned, when it was.
    private(set) var interruption: SyncInterruption.Reason?
    /// What an abandoned sync left undone.
    private(set) var leftUndone: String?
    /// Whether nothing is logged (a preview's run): its events are kept for the report only.
    let silent: Bool
    /// Why a preview could not be made, as `mooring diff` tells it.
    private(set) var failure: SyncError?

    init(target: TargetSettings, logger: Logger, control: SyncControl = SyncControl(), silent: Bool = false) {
        self.target = target
        self.control = control
        self.silent = silent
        var logger = logger
        logger[metadataKey: "target"] = .string(target.name)
        self.logger = logger
    }

    /// Records an event and logs it with its stable name.
    mutating func raise(_ event: SyncEvent) {
        var event = event
        event.details.target = target.name
        events.append(event)
        if !silent { event.log(to: logger) }
    }

    /// Records why a preview of this target could not be made (the first reason given).
    mutating func fail(_ error: SyncError) {
        if failure == nil { failure = error }
    }

    /// Seconds since the run started, to the millisecond.
    var elapsedSeconds: Double {
        Double((ContinuousClock.now - started) / .milliseconds(1)) / 1000
    }

    /// Progress for the operator, at info level, not an event.
    func progress(_ message: String) {
        if !silent { logger.info("\(message)") }
    }

    /// Progress that starts a stage a hang or an interruption would be pinned on: logged, and told to the control.
    mutating func begin(_ stage: String) {
        progress(stage)
        self.stage = stage
        let commit = commit.map { ", commit \($0.short)" } ?? ""
        control.stage("\(stage) (target \(target.name)\(commit))")
    }

    /// Whether the sync must stop here because its task was cancelled; the first time, raises `sync_failed` with
    /// the reason the control gives.
    mutating func stopsHere() -> Bool {
        guard Task.isCancelled else { return false }
        abandon(control.interruption.reason ?? .shutdown)
        return true
    }

    /// Gives the sync up for `reason`, once: `sync_failed` naming the reason and what was left undone.
    mutating func abandon(_ reason: SyncInterruption.Reason) {
        guard interruption == nil else { return }
        interruption = reason
        let undone = (stage ?? "the sync of this target") + " and every later step"
        leftUndone = undone
        raise(
            SyncEvent(
                .syncFailed,
                reason.backsOff ? .error : .warning,
                "sync of \(commit?.short ?? "this target") abandoned: \(reason.explanation); "
                    + "left undone: \(undone)",
                details: .init(reason: reason.field, undone: [undone])
            )
        )
    }

    /// A repeat of something already logged (a commit still refused, a backoff still running), at debug level, so
    /// that each poll does not log it again.
    func repeated(_ message: String) {
        if !silent { logger.debug("\(message)") }
    }

    func report(
        _ outcome: TargetReport.Outcome,
        commit: CommitID?,
        refusedCommit: CommitID? = nil,
        applied: [ObjectIdentity] = [],
        pruned: [ObjectIdentity] = []
    ) -> TargetReport {
        var report = TargetReport(
            target: target.name,
            outcome: outcome,
            commit: commit,
            refusedCommit: refusedCommit,
            events: events.map { event in
                // Each event names the commit it is about: its own, else the one the target is synced to.
                var event = event
                if event.details.commit == nil, let about = commit ?? refusedCommit {
                    event.details.commit = about
                }
                return event
            },
            applied: applied,
            pruned: pruned,
            duration: ContinuousClock.now - started,
            leftUndone: leftUndone
        )
        report.failure = failure
        return report
    }
}
