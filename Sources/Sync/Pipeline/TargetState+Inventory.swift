import Foundation
import GitSource
import MooringCore
import Reconciler

extension TargetState {
    /// The inventory after a sync of `desired`: what was `applied` recorded as applied (with its settled
    /// `versions`), objects found clean or drifted marked verified at their live version, and objects git removed
    /// dropped once `pruned` or gone from the cluster. Outside a fallback, also which objects git removed.
    mutating func updateInventory(
        plan: Plan,
        decision: SyncDecision,
        applied: Set<ObjectIdentity>,
        versions: [ObjectIdentity: String],
        pruned: [ObjectIdentity],
        desired: DesiredSnapshot
    ) {
        var records = inventoryByIdentity
        let desiredIdentities = Set(desired.resources.map(\.identity))
        let clean = Set(decision.clean)
        let alerted = Set(decision.alerted.map(\.identity))
        for item in plan.items {
            let identity = item.identity
            let liveVersion = item.live?["metadata"]?["resourceVersion"]?.stringValue
            if applied.contains(identity) {
                records[identity] = AppliedRecord(
                    identity: identity,
                    apiVersion: item.resource.apiVersion,
                    applied: item.resource.object,
                    sourceCommit: item.resource.annotations[ObjectLabels.sourceCommit] ?? desired.commit.hex,
                    verifiedResourceVersion: versions[identity],
                    drift: desired.driftOverrides[identity]
                )
            } else if clean.contains(identity), var record = records[identity] {
                record.verifiedResourceVersion = liveVersion
                record.reportedDrift = nil
                records[identity] = record
            } else if alerted.contains(identity), var record = records[identity] {
                // Checked at this version and found drifted (reported): look again only when it moves.
                record.verifiedResourceVersion = liveVersion
                records[identity] = record
            }
        }
        for identity in inventory.map(\.identity) where !desiredIdentities.contains(identity) {
            let stillLive = plan.pruneCandidates.contains { $0.identity == identity }
            if pruned.contains(identity) || !stillLive { records[identity] = nil }
        }
        inventory = Self.inIdentityOrder(records, previously: inventory)
        if !desired.isFallback {
            let removed = inventory.map(\.identity).filter { !desiredIdentities.contains($0) }
            removedFromGit = removed.isEmpty ? nil : removed
        }
    }

    /// `records` in identity order: in the order `previous` has them (kept sorted) when they hold the same
    /// objects — a sync that changed nothing sorts nothing —, sorted again otherwise.
    private static func inIdentityOrder(
        _ records: [ObjectIdentity: AppliedRecord],
        previously previous: [AppliedRecord]
    ) -> [AppliedRecord] {
        var remaining = records
        let kept = previous.compactMap { remaining.removeValue(forKey: $0.identity) }
        let inOrder = zip(kept, kept.dropFirst()).allSatisfy { $0.identity < $1.identity }
        guard remaining.isEmpty, inOrder else { return records.values.sorted { $0.identity < $1.identity } }
        return kept
    }
}
