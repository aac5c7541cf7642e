import Foundation
import Sync

/// One event as it goes to the webhook: a point event (a deploy, a healed drift), or a notice about a lasting
/// condition — that it fires (it started, changed or still holds) or that it was resolved.
struct AlertNotice: Sendable, Equatable {
    enum Status: String, Sendable {
        /// Something that happened once; nothing to resolve.
        case event
        /// A lasting condition holds.
        case firing
        /// A lasting condition cleared at `endsAt`.
        case resolved
    }

    var event: SyncEvent
    var status: Status
    /// When the event was raised, or the condition started.
    var startsAt: Date
    /// When the condition cleared; `nil` unless resolved.
    var endsAt: Date?
    /// Why the condition cleared, for a person; `nil` unless resolved.
    var resolution: String?

    /// A point event raised at `time`.
    static func point(_ event: SyncEvent, at time: Date) -> AlertNotice {
        AlertNotice(event: event, status: .event, startsAt: time)
    }
}
