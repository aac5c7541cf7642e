import GitSource
import MooringCore
import Reconciler

/// The plan stage: the plan from the desired state, the live objects and the journal's inventory, with the objects
/// the cluster's inventory lists that git no longer has as prune candidates. Pure.
struct PlanStage {
    /// The reconciler's policy for the desired state (its models may override drift handling).
    var policy: ReconcilePolicy
    /// An object as the journal keeps it at rest (``TargetJournal/atRest(_:)``): what change detection compares.
    var atRest: (JSONValue) -> JSONValue

    /// The plan for `desired` against `live`; `adopted` are the objects the cluster's inventory lists that the
    /// journal has no record of.
    func run(
        _ desired: DesiredSnapshot,
        live: [ObjectIdentity: JSONValue],
        inventory: [AppliedRecord],
        adopted: Set<ObjectIdentity>
    ) -> Plan {
        var plan = Planner.plan(
            desired: desired.resources,
            commit: desired.commit.hex,
            live: live,
            inventory: Dictionary(inventory.map { ($0.identity, $0) }, uniquingKeysWith: { _, last in last }),
            policy: policy,
            atRest: atRest
        )
        plan.pruneCandidates += SyncEngine.adoptedPruneCandidates(adopted, desired: desired.resources, live: live)
        return plan
    }

    /// Whether the inventory can guard the plan's prunes: the journal's inventory is trusted, the desired state is
    /// not a fallback, and the cluster's inventory was not unreadable.
    static func trusted(journal: Bool, fallback: Bool, ownership: SyncEngine.Ownership) -> Bool {
        if case .unreadable = ownership { return false }
        return journal && !fallback
    }
}
