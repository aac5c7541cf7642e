public import Foundation
public import MooringCore
public import Reconciler

/// What the journal remembers about one target between syncs.
public struct TargetState: Sendable, Equatable, Codable {
    /// The last commit whose desired state was applied in full.
    public var lastAppliedCommit: String?
    /// When that happened.
    public var lastAppliedAt: Date?
    /// Every object Mooring applied and still owns, with what it applied: the inventory that
    /// guards pruning, and the last good rendered state (applied while git is unreachable).
    public var inventory: [AppliedRecord]
    /// The serving versions per model name.
    public var models: [String: ModelState]
    /// The commit whose rollout last failed its health check, so it is not re-applied in a hot loop.
    public var unhealthyCommit: String?
    /// How many times in a row that commit failed its health check.
    public var unhealthyAttempts: Int
    /// When the next attempt of `unhealthyCommit` is allowed.
    public var retryAfter: Date?

    public init(
        lastAppliedCommit: String? = nil,
        lastAppliedAt: Date? = nil,
        inventory: [AppliedRecord] = [],
        models: [String: ModelState] = [:],
        unhealthyCommit: String? = nil,
        unhealthyAttempts: Int = 0,
        retryAfter: Date? = nil
    ) {
        self.lastAppliedCommit = lastAppliedCommit
        self.lastAppliedAt = lastAppliedAt
        self.inventory = inventory
        self.models = models
        self.unhealthyCommit = unhealthyCommit
        self.unhealthyAttempts = unhealthyAttempts
        self.retryAfter = retryAfter
    }

    /// The inventory by identity.
    public var inventoryByIdentity: [ObjectIdentity: AppliedRecord] {
        Dictionary(inventory.map { ($0.identity, $0) }, uniquingKeysWith: { _, last in last })
    }
}
