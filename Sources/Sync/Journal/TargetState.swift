public import Foundation
public import Manifests
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
    /// The last commit refused by validation, so it is reported once, not on every poll.
    public var refusedCommit: String?
    /// The prune last reported as blocked (a fingerprint), so it is reported once.
    public var reportedPruneBlock: String?
    /// The commit whose rollout last failed its health check, so it is not re-applied in a hot loop.
    public var unhealthyCommit: String?
    /// How many times in a row that commit failed its health check.
    public var unhealthyAttempts: Int
    /// When the next attempt of `unhealthyCommit` is allowed.
    public var retryAfter: Date?
    /// Objects of the inventory that the last applied commit no longer has (their prune was blocked or failed):
    /// while there are any, the commit is rendered again rather than taken from the journal, so they are neither
    /// applied back nor kept from the prune guard. `nil` when there are none.
    public var removedFromGit: [ObjectIdentity]?
    /// A fingerprint of the host policy `lastAppliedCommit` was validated under: while the policy is the same,
    /// an unchanged commit is synced from the journal without rendering it again. `nil`: render it.
    public var validatedPolicy: String?
    /// The models of `lastAppliedCommit` as rendered (versions, canary, analysis, monitors): what the daemon's live
    /// guardrails judge, also after a restart that syncs from the journal. `nil` in a journal written before them.
    public var renderedModels: [ModelSummary]?

    public init(
        lastAppliedCommit: String? = nil,
        lastAppliedAt: Date? = nil,
        inventory: [AppliedRecord] = [],
        models: [String: ModelState] = [:],
        refusedCommit: String? = nil,
        reportedPruneBlock: String? = nil,
        unhealthyCommit: String? = nil,
        unhealthyAttempts: Int = 0,
        retryAfter: Date? = nil
    ) {
        self.lastAppliedCommit = lastAppliedCommit
        self.lastAppliedAt = lastAppliedAt
        self.inventory = inventory
        self.models = models
        self.refusedCommit = refusedCommit
        self.reportedPruneBlock = reportedPruneBlock
        self.unhealthyCommit = unhealthyCommit
        self.unhealthyAttempts = unhealthyAttempts
        self.retryAfter = retryAfter
    }

    /// The inventory by identity.
    public var inventoryByIdentity: [ObjectIdentity: AppliedRecord] {
        Dictionary(inventory.map { ($0.identity, $0) }, uniquingKeysWith: { _, last in last })
    }
}
