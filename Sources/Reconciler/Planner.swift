// Folder Reconciler: pure planning — plan, drift, prune guard, order.

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
    ///
    /// `atRest` turns an object into the form the inventory may hold it in (Secret values sealed by the journal);
    /// contents are compared in that form, so a sealed record still matches the Secret it was made from.
    public static func plan(
        desired: [Resource],
        commit: String,
        live: [ObjectIdentity: JSONValue],
        inventory: [ObjectIdentity: AppliedRecord],
        policy: ReconcilePolicy,
        atRest: (JSONValue) -> JSONValue = { $0 }
    ) -> Plan {
        let ordered = ApplyPhase.ordered(desired).flatMap(\.resources)
        let items = ordered.map { resource in
            let identity = resource.identity
            return item(
                for: resource,
                commit: commit,
                live: live[identity],
                previous: inventory[identity],
                mode: policy.driftPolicy(for: identity),
                atRest: atRest
            )
        }
        let desiredIdentities = Set(items.map(\.identity))
        let removedFromGit = inventory.keys.filter { !desiredIdentities.contains($0) }.sorted()
        let candidates = removedFromGit.compactMap { identity in live[identity].map { Resource(object: $0) } }
        return Plan(commit: commit, items: items, pruneCandidates: candidates)
    }

    private static func item(
        for resource: Resource,
        commit: String,
        live: JSONValue?,
        previous: AppliedRecord?,
        mode: DriftPolicy,
        atRest: (JSONValue) -> JSONValue
    ) -> PlanItem {
        let content = atRest(ObjectNormalizer.withoutSourceCommit(resource.object))
        let asApplied = previous.map { atRest(ObjectNormalizer.withoutSourceCommit($0.applied)) == content } ?? false
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
            action = previous?.isVerified(at: liveVersion) == true ? .unchanged : .verify
        } else {
            action = .recreate
        }
        return PlanItem(
            resource: stamped,
            action: action,
            mode: mode,
            previous: previous,
            live: live
        )
    }

    /// What to apply once drift is known: creates and updates always (taking ownership back only
    /// under `heal`), drifted objects under `heal` only. `drifts` holds the drift found for `verify`
    /// and `recreate` items, by identity; a `verify` item without one is clean.
    public static func decide(_ plan: Plan, drifts: [ObjectIdentity: Drift]) -> SyncDecision {
        var applied: [(resource: Resource, force: Bool)] = []
        var clean: [ObjectIdentity] = []
        var healed: [Drift] = []
        var alerted: [Drift] = []
        for item in plan.items {
            switch item.action {
            case .create, .update:
                applied.append((item.resource, item.mode == .heal))
            case .unchanged:
                continue
            case .verify, .recreate:
                guard let drift = drifts[item.identity] else {
                    clean.append(item.identity)
                    continue
                }
                if item.mode == .heal {
                    healed.append(drift)
                    applied.append((item.resource, true))
                } else {
                    alerted.append(drift)
                }
            }
        }
        return SyncDecision(batches: batches(applied), clean: clean, healed: healed, alerted: alerted)
    }

    /// As few kubectl calls as order allows. kubectl applies a file's objects in order, so Namespaces first in
    /// a batch exist before the objects in them; the calls are split only where that is not enough: after
    /// CustomResourceDefinitions (their objects wait until they are Established), between objects that take
    /// ownership back and those that do not (`--force-conflicts` is per call), and — when both of those hold
    /// Namespaces — after the Namespaces.
    static func batches(_ applied: [(resource: Resource, force: Bool)]) -> [ApplyBatch] {
        let foundations = applied.filter { ApplyPhase.of($0.resource) == .foundations }
        let hasDefinitions = foundations.contains { $0.resource.kind == "CustomResourceDefinition" }
        let namespacesInBoth = Set(foundations.map(\.force)).count > 1
        let segments: [[(resource: Resource, force: Bool)]] =
            hasDefinitions || namespacesInBoth
            ? [foundations, applied.filter { ApplyPhase.of($0.resource) != .foundations }]
            : [applied]
        var batches: [ApplyBatch] = []
        for segment in segments where !segment.isEmpty {
            // The group holding the segment's first object (the earliest phase) goes first.
            let firstForce = segment[0].force
            for force in [firstForce, !firstForce] {
                let members = segment.filter { $0.force == force }.map(\.resource)
                guard let first = members.first else { continue }
                batches.append(ApplyBatch(phase: ApplyPhase.of(first), force: force, resources: members))
            }
        }
        return batches
    }
}
