/// What one sync did: events that concern the whole run (git, the journal) and a report per target.
public struct SyncReport: Sendable {
    public var events: [SyncEvent]
    public var targets: [TargetReport]
    /// Whether the git source answered this sync's poll; `nil` when the sync did not get that far.
    public var sourceReachable: Bool?

    public init(events: [SyncEvent], targets: [TargetReport], sourceReachable: Bool? = nil) {
        self.events = events
        self.targets = targets
        self.sourceReachable = sourceReachable
    }

    /// Every event, run-level first.
    public var allEvents: [SyncEvent] { events + targets.flatMap(\.events) }

    /// Whether any target failed, was refused or degraded, or the run itself could not start.
    public var isFailure: Bool {
        targets.isEmpty || targets.contains { $0.outcome.isFailure }
    }
}
