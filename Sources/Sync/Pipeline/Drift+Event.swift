import MooringCore
import Reconciler

extension Drift {
    /// The object and what drifted, for an event: at most five fields, `path desired → live`, and who changed them.
    var summary: String {
        guard kind == .modified else { return "\(identity): deleted from the cluster" }
        let shown = fields.prefix(5).map { field in
            "\(field.path) \(field.desired?.serialized() ?? "(absent)") → \(field.live?.serialized() ?? "(absent)")"
        }
        let more = fields.count > 5 ? ", … \(fields.count - 5) more" : ""
        let who = managers.isEmpty ? "" : " (changed by \(managers.joined(separator: ", ")))"
        return "\(identity): \(shown.joined(separator: ", "))\(more)\(who)"
    }

    /// The details of a `drift` or `drift_healed` event: the object, the kind of drift, and per field its path,
    /// desired and live value (in the same order), with the managers that changed them.
    var eventDetails: SyncEvent.Details {
        SyncEvent.Details(
            object: identity,
            kind: kind,
            fields: fields.map(\.path.description),
            managers: managers,
            desired: fields.map { $0.desired?.serialized() ?? "(absent)" },
            live: fields.map { $0.live?.serialized() ?? "(absent)" }
        )
    }

    /// The drift as the audit trail records it, healed or alerted (`action`).
    func historyRecord(action: String) -> HistoryEntry.DriftRecord {
        HistoryEntry.DriftRecord(
            object: identity.description,
            fields: kind == .deleted ? ["(deleted)"] : fields.map(\.path.description),
            managers: managers,
            action: action
        )
    }
}
