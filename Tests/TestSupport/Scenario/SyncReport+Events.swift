public import Sync

extension SyncReport {
    /// Every event of this sync with `name`, run-level and per target.
    public func events(_ name: SyncEvent.Name) -> [SyncEvent] {
        allEvents.filter { $0.name == name }
    }

    /// The report of the only target.
    public var target: TargetReport? {
        targets.first
    }

    /// A report of one run-level event, as a sync whose git remote could not be reached raises.
    public static func unreachable(_ message: String) -> SyncReport {
        SyncReport(events: [SyncEvent(.sourceUnreachable, .error, message)], targets: [])
    }
}
