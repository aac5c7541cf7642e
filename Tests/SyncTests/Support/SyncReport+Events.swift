import Sync

extension SyncReport {
    /// Every event of this sync with `name`, run-level and per target.
    func events(_ name: SyncEvent.Name) -> [SyncEvent] {
        allEvents.filter { $0.name == name }
    }

    /// The stable names of every event raised, in order.
    var eventNames: [String] {
        allEvents.map(\.name.rawValue)
    }

    /// The report of the only target.
    var target: TargetReport? {
        targets.first
    }
}
