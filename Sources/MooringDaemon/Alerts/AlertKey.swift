import MooringCore
import Sync

/// The identity of an alert that lasts: the event that raised it, its target and the object it is about. Its
/// Alertmanager labels come from this alone, so a re-sent or resolved alert matches the one first sent.
struct AlertKey: Hashable, Sendable {
    var name: SyncEvent.Name
    var target: String?
    /// The object of a drift, the `namespace/model check` of a degraded model; `nil` for conditions of a whole target.
    var subject: String?

    init(_ event: SyncEvent) {
        name = event.name
        target = event.details.target
        switch event.name {
        case .drift: subject = event.details.object?.description
        case .modelDegraded, .modelRecovered: subject = Self.monitorSubject(event.details)
        default: subject = nil
        }
    }

    /// `ml-prod/fraud-detector drift-score`: which monitor of which model.
    static func monitorSubject(_ details: SyncEvent.Details) -> String {
        "\(details.namespace ?? "")/\(details.model ?? "") \(details.check ?? "")"
    }
}
