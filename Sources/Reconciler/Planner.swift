import Manifests
public import MooringCore

/// Plans a sync from values alone: desired objects, the live objects carrying Mooring's label, and
/// the journal's inventory. No I/O here; the Sync stage runs the dry-runs and applies.
public enum Planner {
    /// Classifies every desired object and finds the prune candidates.
    ///
    /// Each desired object is stamped with `mooring.dev/source-commit`: the commit that last changed
    /// it (kept from the inventory when its content is unchanged), so a new commit rewrites only what
    /// it changed. An object whose content is as applied and whose live resourceVersion is the one
    /// Mooring last verified needs no API call at all.
    public static func plan(
        desired: [Resource],
        commit: String,
        live: [ObjectIdentity: JSONValue],
        inventory: [ObjectIdentity: AppliedRecord],
        policy: ReconcilePolicy
    ) -> Plan {
        let ordered = ApplyPhase.ordered(desired).flatMap(\.resources)
        let items = ordered.map { resource in
            item(
                for: resource,
                commit: commit,
                live: live[resource.identity],
                previous: inventory[resource.identity],
                policy: policy
            )
        }
        let desiredIdentities = Set(desired.map(\.identity))
        let candidates = inventory.keys.sorted().compactMap { identity -> Resource? in
            guard !desiredIdentities.contains(identity), let object = live[identity] else { return nil }
            return Resource(object: object)
        }
        return Plan(commit: commit, items: items, pruneCandidates: candidates)
    }

    private static func item(
        for resource: Resource,
        commit: String,
        live: JSONValue?,
        previous: AppliedRecord?,
        policy: ReconcilePolicy
    ) -> PlanItem {
        let content = ObjectNormalizer.withoutSourceCommit(resource.object)
        let asApplied = previous.map { ObjectNormalizer.withoutSourceCommit($0.applied) == content } ?? false
        var stamped = resource
        stamped.object.set(
            .string(asApplied ? previous?.sourceCommit ?? commit : commit),
            at: FieldPath([.key("metadata"), .key("annotations"), .key(ObjectLabels.sourceCommit)])
        )
        let action: PlanItem.Action
        if previous == nil {
            action = live == nil ? .create : .update
        } else if !asApplied {
            action = .update
        } else if let live {
            let liveVersion = live["metadata"]?["resourceVersion"]?.stringValue
            action = liveVersion != nil && liveVersion == previous?.verifiedResourceVersion ? .unchanged : .verify
        } else {
            action = .recreate
        }
        return PlanItem(
            resource: stamped,
            action: action,
            mode: policy.driftPolicy(for: resource.identity),
            previous: previous,
            live: live
        )
    }

    /// What to apply once drift is known: creates and updates always (taking ownership back only
    /// under `heal`), drifted objects under `heal` only. `drifts` holds the drift found for `verify`
    /// and `recreate` items, by identity; a `verify` item without one is clean.
    public static func decide(_ plan: Plan, drifts: [ObjectIdentity: Drift]) -> SyncDecision {
        var batches: [ApplyBatch] = []
        var clean: [ObjectIdentity] = []
        var healed: [Drift] = []
        var alerted: [Drift] = []
        for item in plan.items {
            var apply = false
            switch item.action {
            case .create, .update:
                apply = true
            case .unchanged:
                continue
            case .verify, .recreate:
                guard let drift = drifts[item.identity] else {
                    clean.append(item.identity)
                    continue
                }
                if item.mode == .heal {
                    healed.append(drift)
                    apply = true
                } else {
                    alerted.append(drift)
                }
            }
            guard apply else { continue }
            let phase = ApplyPhase.of(item.resource)
            let force = item.mode == .heal
            if let index = batches.firstIndex(where: { $0.phase == phase && $0.force == force }) {
                batches[index].resources.append(item.resource)
            } else {
                batches.append(ApplyBatch(phase: phase, force: force, resources: [item.resource]))
            }
        }
        return SyncDecision(
            batches: batches.sorted { ($0.phase, $0.force ? 1 : 0) < ($1.phase, $1.force ? 1 : 0) },
            clean: clean,
            healed: healed,
            alerted: alerted
        )
    }
}
