import GitSource
import MooringCore
import Reconciler
import Sync

extension AlertTracker {
    /// The conditions `report` shows holding, as the events that would have raised them: drift left on an object,
    /// a refused commit, objects kept from pruning. The engine raises each once (a drift is not reported again while
    /// the object does not move), so these stand in for the events an earlier process saw.
    static func held(in report: SyncReport) -> [SyncEvent] {
        report.targets.flatMap { target in
            var events: [SyncEvent] = []
            for object in target.driftedObjects ?? [] {
                events.append(
                    SyncEvent(
                        .drift,
                        .warning,
                        "drift of \(object) (alert only), found by an earlier sync",
                        details: .init(target: target.target, object: object)
                    )
                )
            }
            if let refused = target.refusedCommit {
                let serving = target.commit.map { "still serving \($0.short)" } ?? "nothing applied"
                events.append(
                    SyncEvent(
                        .validationFailed,
                        .error,
                        "commit \(refused.short) was refused by an earlier sync; \(serving)",
                        details: .init(target: target.target, commit: refused)
                    )
                )
            }
            if let blocked = target.pruneDecision?.blocked, !blocked.isEmpty {
                let objects = blocked.map(\.resource.identity.description).joined(separator: ", ")
                events.append(
                    SyncEvent(
                        .pruneBlocked,
                        .warning,
                        "not pruning \(blocked.count) object(s): \(objects)",
                        details: .init(target: target.target, objects: blocked.count)
                    )
                )
            }
            return events
        }
    }
}
