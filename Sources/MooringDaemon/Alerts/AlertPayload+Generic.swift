import MooringCore
import Sync

extension AlertPayload {
    /// The generic format: one object per notice — `event`, `severity`, `message`, `fields`, `time` (RFC 3339, when
    /// sent) and `host`; for a lasting condition also `status` (`firing` or `resolved`), `startsAt`, and once
    /// resolved `endsAt` and `resolution` (why it cleared).
    static func genericObject(_ notice: AlertNotice, origin: Origin) -> JSONValue {
        let event = notice.event
        var object: JSONValue = [
            "event": .string(event.name.rawValue),
            "severity": .string(event.severity.rawValue),
            "message": .string(event.message),
            "fields": .object(event.fields.mapValues { .string($0) }),
            "time": .string(timestamp(origin.time)),
            "host": .string(origin.host),
        ]
        guard notice.status != .event else { return object }
        object["status"] = .string(notice.status.rawValue)
        object["startsAt"] = .string(timestamp(notice.startsAt))
        if let endsAt = notice.endsAt { object["endsAt"] = .string(timestamp(endsAt)) }
        if let resolution = notice.resolution { object["resolution"] = .string(resolution) }
        return object
    }
}
