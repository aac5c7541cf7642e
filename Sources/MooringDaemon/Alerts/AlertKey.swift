import Sync

/// The identity of an alert that lasts: the event that raised it, its target and the object it is about. Its
/// Alertmanager labels come from this alone, so a re-sent or resolved alert matches the one first sent.
struct AlertKey: Hashable, Sendable {
    var name: SyncEvent.Name
    var target: String?
    /// The object of a drift; `nil` for conditions of a whole target.
    var subject: String?

    init(_ event: SyncEvent) {
        name = event.name
        target = event.fields["target"]
        subject = event.name == .drift ? event.fields["object"] : nil
    }
}
