import Foundation
import MooringCore
import Sync

/// One POST to the alert webhook: its JSON body and the names of the events it carries, for log lines.
struct AlertPayload: Sendable {
    var body: [UInt8]
    var events: [SyncEvent.Name]

    /// Where and when the notices are sent from.
    struct Origin: Sendable {
        var host: String
        var time: Date
    }

    /// The bodies for the notices of one sync, run-level first: Slack and Alertmanager take the whole sync in one
    /// message (a line or an alert per notice), the generic format one object per notice.
    static func payloads(
        for notices: [AlertNotice],
        format: AlertSettings.Format,
        origin: Origin
    ) -> [AlertPayload] {
        guard !notices.isEmpty else { return [] }
        let names = notices.map(\.event.name)
        switch format {
        case .slack:
            return [AlertPayload(body: slackMessage(notices, origin: origin).serializedBytes(), events: names)]
        case .alertmanager:
            let alerts = JSONValue.array(notices.map { alertmanagerAlert($0, origin: origin) })
            return [AlertPayload(body: alerts.serializedBytes(), events: names)]
        case .generic:
            return notices.map {
                AlertPayload(body: genericObject($0, origin: origin).serializedBytes(), events: [$0.event.name])
            }
        }
    }

    /// RFC 3339 in UTC, as Alertmanager's `startsAt` and `endsAt` want it.
    static func timestamp(_ time: Date) -> String {
        time.formatted(.iso8601)
    }
}
