public import MooringCore

/// What one sync will do: every desired object with its action, in apply order, and the prune
/// candidates. Produced by `Planner`, refined by drift checks, executed by the Sync stage.
public struct Plan: Sendable, Equatable {
    /// The commit whose desired state this is.
    public var commit: String
    /// Every desired object, in apply order.
    public var items: [PlanItem]
    /// Live objects Mooring created that the desired state no longer has, before the prune guard.
    public var pruneCandidates: [Resource]

    public init(commit: String, items: [PlanItem], pruneCandidates: [Resource]) {
        self.commit = commit
        self.items = items
        self.pruneCandidates = pruneCandidates
    }

    public func items(_ action: PlanItem.Action) -> [PlanItem] { items.filter { $0.action == action } }

    /// Whether anything needs an API call beyond reading.
    public var isNoOp: Bool { items.allSatisfy { $0.action == .unchanged } && pruneCandidates.isEmpty }
}
