import MooringCore
import Sync

extension AlertPayload {
    /// The generic format: one object per event — `event`, `severity`, `message`, `fields`, `time` (RFC 3339) and
    /// `host`.
    static func genericObject(_ event: SyncEvent, origin: Origin) -> JSONValue {
        [
            "event": .string(event.name.rawValue),
            "severity": .string(event.severity.rawValue),
            "message": .string(event.message),
            "fields": .object(event.fields.mapValues { .string($0) }),
            "time": .string(timestamp(origin.time)),
            "host": .string(origin.host),
        ]
    }
}
