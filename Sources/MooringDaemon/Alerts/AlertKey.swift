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
        target = event.fields["target"]
        switch event.name {
        case .drift: subject = event.fields["object"]
        case .modelDegraded, .modelRecovered: subject = Self.monitorSubject(event.fields)
        default: subject = nil
        }
    }

    /// `ml-prod/fraud-detector drift-score`: which monitor of which model.
    static func monitorSubject(_ fields: [String: String]) -> String {
        "\(fields["namespace"] ?? "")/\(fields["model"] ?? "") \(fields["check"] ?? "")"
    }
}
