import GitSource
import Manifests
import MooringCore
import Reconciler
import Testing

@testable import Sync

/// How a sync's journal inventory follows what it applied and pruned, on values.
@Suite("The inventory after a sync")
struct TargetStateInventoryTests {
    static let commit = CommitID(String(repeating: "c3", count: 20))!

    static func configMap(_ name: String) -> Resource {
        Resource(object: [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": [
                "name": .string(name), "namespace": "ml", "labels": ["app.kubernetes.io/managed-by": "mooring"],
            ],
        ])
    }

    static func live(_ resource: Resource, version: String) -> JSONValue {
        var object = resource.object
        object.set(.string(version), at: "metadata.resourceVersion")
        return object
    }

    /// A state whose inventory holds `old`, live in the cluster, and a plan for a desired state of `web` alone.
    static func planned() -> (state: TargetState, plan: Plan, desired: DesiredSnapshot) {
        let (web, old) = (configMap("web"), configMap("old"))
        let record = AppliedRecord(identity: old.identity, apiVersion: "v1", applied: old.object, sourceCommit: "x")
        let state = TargetState(inventory: [record])
        let plan = Planner.plan(
            desired: [web],
            commit: commit.hex,
            live: [old.identity: live(old, version: "3")],
            inventory: state.inventoryByIdentity,
            policy: ReconcilePolicy()
        )
        let desired = DesiredSnapshot(
            resources: [web],
            models: [],
            driftOverrides: [:],
            commit: commit,
            commitInfo: nil,
            isFallback: false
        )
        return (state, plan, desired)
    }

    /// The state after the planned sync applied `applied` (settled at `versions`) and pruned `pruned`.
    static func updated(
        applied: Set<ObjectIdentity>,
        versions: [ObjectIdentity: String] = [:],
        pruned: [ObjectIdentity]
    ) -> TargetState {
        var (state, plan, desired) = planned()
        state.updateInventory(
            plan: plan,
            decision: Planner.decide(plan, drifts: [:]),
            applied: applied,
            versions: versions,
            pruned: pruned,
            desired: desired
        )
        return state
    }

    @Test("what was applied is recorded with its settled version; what was pruned leaves the inventory")
    func appliedAndPruned() {
        let web = Self.configMap("web").identity
        let state = Self.updated(applied: [web], versions: [web: "7"], pruned: [Self.configMap("old").identity])
        #expect(state.inventory.map(\.identity) == [web])
        #expect(state.inventory.first?.verifiedResourceVersion == "7")
        #expect(state.inventory.first?.sourceCommit == Self.commit.hex)
        #expect(state.removedFromGit == nil)
    }

    @Test("an object git removed but not pruned stays in the inventory, listed as removed from git")
    func keptFromPruning() {
        let old = Self.configMap("old").identity
        let state = Self.updated(applied: [], pruned: [])
        #expect(state.inventory.map(\.identity) == [old])
        #expect(state.removedFromGit == [old])
    }

    @Test(
        "the inventory stays in identity order: a new object is sorted in, an inventory out of order is sorted",
        arguments: [(["b", "d"], ["a", "b", "c", "d"]), (["d", "b"], ["b", "d"]), (["b", "d"], ["b", "d"])]
    )
    func identityOrder(previous: [String], desired: [String]) {
        let records = previous.map(Self.configMap).map { resource in
            AppliedRecord(identity: resource.identity, apiVersion: "v1", applied: resource.object, sourceCommit: "x")
        }
        var state = TargetState(inventory: records)
        let resources = desired.map(Self.configMap)
        let plan = Planner.plan(
            desired: resources,
            commit: Self.commit.hex,
            live: [:],
            inventory: state.inventoryByIdentity,
            policy: ReconcilePolicy()
        )
        state.updateInventory(
            plan: plan,
            decision: Planner.decide(plan, drifts: [:]),
            applied: Set(resources.map(\.identity)),
            versions: [:],
            pruned: [],
            desired: DesiredSnapshot(
                resources: resources,
                models: [],
                driftOverrides: [:],
                commit: Self.commit,
                commitInfo: nil,
                isFallback: false
            )
        )
        #expect(state.inventory.map(\.identity.name) == desired.sorted())
    }
}
