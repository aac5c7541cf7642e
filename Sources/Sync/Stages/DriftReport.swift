import MooringCore
import Reconciler

/// What a sync tells of the drift its decision found: `drift_healed` for every healed object; `drift` for alert-only
/// drift when it differs from the drift last reported for that object (the journal's record). Pure.
struct DriftReport {
    /// The events, in order.
    var events: [SyncEvent] = []
    /// The objects the events are about, in order (the live cache times their detection).
    var objects: [ObjectIdentity] = []
    /// The fingerprint of each alert-only drift reported now that the journal records, so it is not reported again.
    var fingerprints: [ObjectIdentity: String] = [:]

    /// The report of `decision` against the journal's `inventory`; `writes`: the sync changes the cluster (a dry run
    /// or a preview says what it would heal, and records nothing).
    init(_ decision: SyncDecision, inventory: [AppliedRecord], writes: Bool) {
        for drift in decision.healed {
            let verb = writes ? "healing" : "would heal"
            events.append(
                SyncEvent(.driftHealed, .info, "\(verb) drift of \(drift.summary)", details: drift.eventDetails)
            )
            objects.append(drift.identity)
        }
        for drift in decision.alerted {
            let record = inventory.first { $0.identity == drift.identity }
            guard record.map({ $0.reportedDrift != drift.fingerprint }) ?? true else { continue }
            events.append(
                SyncEvent(.drift, .warning, "drift of \(drift.summary) (alert only)", details: drift.eventDetails)
            )
            objects.append(drift.identity)
            if writes, record != nil { fingerprints[drift.identity] = drift.fingerprint }
        }
    }

    /// Records the fingerprints in the journal's inventory of `state`.
    func record(in state: inout TargetState) {
        guard !fingerprints.isEmpty else { return }
        for index in state.inventory.indices {
            if let fingerprint = fingerprints[state.inventory[index].identity] {
                state.inventory[index].reportedDrift = fingerprint
            }
        }
    }
}
