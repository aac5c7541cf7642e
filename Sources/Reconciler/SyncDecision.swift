public import MooringCore

/// The outcome of planning once drift is known: what to apply, in order, and what to report.
public struct SyncDecision: Sendable, Equatable {
    /// Apply calls, in order.
    public var batches: [ApplyBatch]
    /// Objects whose live state was written since the last sync but still matches: no drift.
    public var clean: [ObjectIdentity]
    /// Drift that this sync heals by re-applying (`drift_healed`).
    public var healed: [Drift]
    /// Drift left in place under `drift: alert` (`drift`).
    public var alerted: [Drift]

    public init(batches: [ApplyBatch], clean: [ObjectIdentity], healed: [Drift], alerted: [Drift]) {
        self.batches = batches
        self.clean = clean
        self.healed = healed
        self.alerted = alerted
    }

    /// Every object this sync applies.
    public var applied: [Resource] { batches.flatMap(\.resources) }
}
