import Foundation
import GitSource

/// When a commit that failed (its apply, or its health within the timeout) is tried again: 30 s after the first
/// failure, doubling with each one, at most 30 minutes. A daemon does not hammer a failing cluster; a sync stopped
/// by a shutdown or a lost Lease says nothing about its commit, and the next sync tries it at once.
enum Backoff {
    /// The wait after `attempts` failures in a row.
    static func delay(attempts: Int) -> TimeInterval {
        min(30 * pow(2, Double(max(0, attempts - 1))), 1800)
    }

    /// Whether a sync of `commit` leaves it alone: it failed before, was never applied in full, and its backoff
    /// has not passed at `now` — unless the aborted canaries it holds out of traffic changed since the last sync
    /// (`holdsChanged`): taking an aborted canary out of traffic does not wait.
    static func waits(_ commit: CommitID?, state: TargetState, now: Date, holdsChanged: Bool = false) -> Bool {
        guard !holdsChanged, let commit, state.unhealthyCommit == commit.hex, state.lastAppliedCommit != commit.hex
        else {
            return false
        }
        return (state.retryAfter ?? .distantPast) > now
    }

    /// Whether a sync of `commit`, already applied but not healthy, checks its health again: once its backoff is over
    /// at `now` (or at once, `ignoringBackoff`).
    static func rechecksHealth(of commit: CommitID, state: TargetState, now: Date, ignoringBackoff: Bool) -> Bool {
        state.unhealthyCommit == commit.hex && state.lastAppliedCommit == commit.hex
            && (ignoringBackoff || (state.retryAfter ?? .distantPast) <= now)
    }

    /// `state`'s retry bookkeeping after a sync of `commit` ended as `outcome` at `now`: a failure starts or extends
    /// the backoff (unless `interruption` says nothing about the commit); a success ends it, except that a commit
    /// not healthy before stays so until a health check (`healthChecked`) says otherwise.
    static func record(
        _ outcome: TargetReport.Outcome,
        of commit: CommitID,
        interruption: SyncInterruption.Reason?,
        healthChecked: Bool,
        in state: inout TargetState,
        now: Date
    ) {
        switch outcome {
        case .degraded, .failed:
            if let interruption, !interruption.backsOff {
                if state.unhealthyCommit != commit.hex { state.unhealthyAttempts = 0 }
                state.unhealthyCommit = commit.hex
                state.retryAfter = nil
                return
            }
            if state.unhealthyCommit == commit.hex {
                state.unhealthyAttempts += 1
            } else {
                state.unhealthyCommit = commit.hex
                state.unhealthyAttempts = 1
            }
            state.retryAfter = now.addingTimeInterval(delay(attempts: state.unhealthyAttempts))
        case .applied, .inSync, .drifted:
            if state.unhealthyCommit != commit.hex || healthChecked {
                state.unhealthyCommit = nil
                state.unhealthyAttempts = 0
                state.retryAfter = nil
            }
        case .refused, .waiting, .planned:
            break
        }
    }
}
