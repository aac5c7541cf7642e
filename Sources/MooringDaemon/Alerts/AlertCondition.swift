import GitSource
import MooringCore
import Reconciler
import Sync

/// The kinds of lasting condition the alert lifecycle tracks, each raised by events of known names and cleared by
/// what a later sync reports.
enum AlertCondition: Sendable, Equatable {
    /// Alert-only drift on one object.
    case drift
    /// A refused commit: invalid, or its signature rejected.
    case refusal
    /// Objects removed from git that the prune guard keeps.
    case pruneBlocked
    /// An apply not healthy within the timeout.
    case degraded
    /// The git source cannot be reached.
    case sourceUnreachable
    /// This host lost the leadership.
    case leadershipLost

    /// The condition an event starts or changes; `nil` for a point event.
    init?(raisedBy name: SyncEvent.Name) {
        switch name {
        case .drift: self = .drift
        case .validationFailed, .signatureRejected: self = .refusal
        case .pruneBlocked: self = .pruneBlocked
        case .healthDegraded: self = .degraded
        case .sourceUnreachable: self = .sourceUnreachable
        case .leaderLost: self = .leadershipLost
        default: return nil
        }
    }

    /// Whether the condition this key names still holds after `report`: `true` or `false` when the report says,
    /// `nil` when it does not (the target was not synced, the cluster or git was not read).
    func holds(_ key: AlertKey, after report: SyncReport) -> Bool? {
        if self == .sourceUnreachable { return report.sourceReachable.map { !$0 } }
        guard let target = report.targets.first(where: { $0.target == key.target }) else { return nil }
        switch self {
        case .drift:
            return target.driftedObjects.map { objects in objects.contains { $0.description == key.subject } }
        case .refusal:
            return report.sourceReachable == true ? target.refusedCommit != nil : nil
        case .pruneBlocked:
            return target.pruneDecision.map { !$0.blocked.isEmpty }
        case .degraded:
            switch target.outcome {
            case .degraded: return true
            case .applied, .inSync, .drifted: return false
            case .refused, .failed, .waiting, .planned: return nil
            }
        case .sourceUnreachable, .leadershipLost:
            return nil
        }
    }

    /// Why the condition cleared, in a few words for a person; `report` is the sync that cleared it, if one did.
    func resolution(_ key: AlertKey, after report: SyncReport?) -> String {
        let target = report?.targets.first { $0.target == key.target }
        switch self {
        case .drift: return "\(key.subject ?? "the object") matches git again (healed, or reverted by hand)"
        case .refusal: return "no commit refused any more; serving \(target?.commit?.short ?? "-")"
        case .pruneBlocked: return "no object is kept from pruning any more"
        case .degraded: return "healthy at \(target?.commit?.short ?? "-")"
        case .sourceUnreachable: return "the git source is reachable again"
        case .leadershipLost: return "this host leads again"
        }
    }
}
