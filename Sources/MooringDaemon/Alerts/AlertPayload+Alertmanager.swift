import MooringCore
import Sync

extension AlertPayload {
    /// The event fields that identify an alert, sent as Alertmanager labels when present.
    static let alertmanagerLabelFields = ["target", "object", "model", "commit"]

    /// One alert of a `POST /api/v2/alerts` body: `labels` (`alertname` is the event name, with its severity and the
    /// target, object, model and commit where the event has them), `annotations` (`summary`: the message;
    /// `description`: the message and every field) and `startsAt`. No `endsAt`: an event does not know when it ends,
    /// so Alertmanager resolves it after its `resolve_timeout`.
    static func alertmanagerAlert(_ event: SyncEvent, origin: Origin) -> JSONValue {
        var labels: [String: JSONValue] = [
            "alertname": .string(event.name.rawValue),
            "severity": .string(event.severity.rawValue),
        ]
        for key in alertmanagerLabelFields {
            if let value = event.fields[key], !value.isEmpty { labels[key] = .string(value) }
        }
        let details = event.fields.keys.sorted().map { "\($0): \(event.fields[$0] ?? "")" }
        return [
            "labels": .object(labels),
            "annotations": [
                "summary": .string(event.message),
                "description": .string(([event.message, "host: \(origin.host)"] + details).joined(separator: "\n")),
            ],
            "startsAt": .string(timestamp(origin.time)),
        ]
    }
}
