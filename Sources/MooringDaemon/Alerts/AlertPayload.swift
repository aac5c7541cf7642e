import Foundation
import MooringCore
import Sync

/// One POST to the alert webhook: its JSON body and the names of the events it carries, for log lines.
struct AlertPayload: Sendable {
    var body: [UInt8]
    var events: [SyncEvent.Name]

    /// Where and when the events were raised.
    struct Origin: Sendable {
        var host: String
        var time: Date
    }

    /// The bodies for the events of one sync, run-level first: Slack and Alertmanager take the whole sync in one
    /// message (a line or an alert per event), the generic format one object per event.
    static func payloads(
        for events: [SyncEvent],
        format: AlertSettings.Format,
        origin: Origin
    ) -> [AlertPayload] {
        guard !events.isEmpty else { return [] }
        switch format {
        case .slack:
            return [
                AlertPayload(body: slackMessage(events, origin: origin).serializedBytes(), events: events.map(\.name))
            ]
        case .alertmanager:
            let alerts = JSONValue.array(events.map { alertmanagerAlert($0, origin: origin) })
            return [AlertPayload(body: alerts.serializedBytes(), events: events.map(\.name))]
        case .generic:
            return events.map {
                AlertPayload(body: genericObject($0, origin: origin).serializedBytes(), events: [$0.name])
            }
        }
    }

    /// RFC 3339 in UTC, as Alertmanager's `startsAt` wants it.
    static func timestamp(_ time: Date) -> String {
        time.formatted(.iso8601)
    }
}
