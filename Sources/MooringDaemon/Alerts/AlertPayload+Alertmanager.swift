import MooringCore
import Sync

extension AlertPayload {
    /// The event fields sent as Alertmanager labels of a point event, when present.
    static let alertmanagerLabelFields = ["target", "object", "model", "commit"]

    /// One alert of a `POST /api/v2/alerts` body (Alertmanager's `postableAlert`): `labels`, `annotations`
    /// (`summary`: the message; `description`: the message, the host and every field, and for a resolved alert why
    /// it cleared), `startsAt`, and `endsAt` once resolved.
    ///
    /// Labels are the alert's identity: `alertname` (the event name) and `severity`; for a lasting condition only
    /// its `target` and the `object` of a drift, so that re-sent, changed and resolved alerts all match the first
    /// (a refusal stays one alert while its commit changes); for a point event also its `model` and `commit`. A
    /// firing alert has no `endsAt`: it is re-sent while it holds, and Alertmanager resolves it on the resolved
    /// notice, or after its `resolve_timeout` when Mooring stops sending (a point event is sent once).
    static func alertmanagerAlert(_ notice: AlertNotice, origin: Origin) -> JSONValue {
        let event = notice.event
        let fields = event.fields
        var labels: [String: JSONValue] = [
            "alertname": .string(event.name.rawValue),
            "severity": .string(event.severity.rawValue),
        ]
        if notice.status == .event {
            for key in alertmanagerLabelFields {
                if let value = fields[key], !value.isEmpty { labels[key] = .string(value) }
            }
        } else {
            let key = AlertKey(event)
            if let target = key.target { labels["target"] = .string(target) }
            if let object = key.subject { labels["object"] = .string(object) }
        }
        let details = fields.keys.sorted().map { "\($0): \(fields[$0] ?? "")" }
        let resolution = notice.resolution.map { ["resolved: \($0)"] } ?? []
        var alert: JSONValue = [
            "labels": .object(labels),
            "annotations": [
                "summary": .string(event.message),
                "description": .string(
                    ([event.message] + resolution + ["host: \(origin.host)"] + details).joined(separator: "\n")
                ),
            ],
            "startsAt": .string(timestamp(notice.startsAt)),
        ]
        if let endsAt = notice.endsAt { alert["endsAt"] = .string(timestamp(endsAt)) }
        return alert
    }
}
