import Manifests
import MooringCore
import Reconciler
import Testing

@Suite("Planning a sync")
struct PlannerTests {
    let policy = ReconcilePolicy()

    @Test("an object never applied and not live is created and stamped with the commit")
    func create() {
        let plan = Planner.plan(
            desired: [Fixtures.deployment("a")],
            commit: "c2",
            live: [:],
            inventory: [:],
            policy: policy
        )
        #expect(plan.items.map(\.action) == [.create])
        #expect(plan.items[0].resource.annotations[ObjectLabels.sourceCommit] == "c2")
    }

    @Test("an object as applied whose live resourceVersion has not moved needs no call")
    func unchanged() {
        let desired = Fixtures.deployment("a")
        let plan = Planner.plan(
            desired: [desired],
            commit: "c2",
            live: [desired.identity: Fixtures.live(desired, resourceVersion: "7")],
            inventory: [desired.identity: Fixtures.record(desired, commit: "c1", verified: "7")],
            policy: policy
        )
        #expect(plan.items.map(\.action) == [.unchanged])
        #expect(plan.isNoOp)
        // The unchanged object keeps the commit that last changed it.
        #expect(plan.items[0].resource.annotations[ObjectLabels.sourceCommit] == "c1")
    }

    @Test("an object as applied whose live resourceVersion moved is verified by a dry-run")
    func verify() {
        let desired = Fixtures.deployment("a")
        let plan = Planner.plan(
            desired: [desired],
            commit: "c2",
            live: [desired.identity: Fixtures.live(desired, resourceVersion: "9")],
            inventory: [desired.identity: Fixtures.record(desired, commit: "c1", verified: "7")],
            policy: policy
        )
        #expect(plan.items.map(\.action) == [.verify])
    }

    @Test("an object git changed is updated, with the changed fields named")
    func update() {
        let before = Fixtures.deployment("a", image: "server:1")
        let after = Fixtures.deployment("a", image: "server:2")
        let plan = Planner.plan(
            desired: [after],
            commit: "c2",
            live: [before.identity: Fixtures.live(before, resourceVersion: "7")],
            inventory: [before.identity: Fixtures.record(before, commit: "c1", verified: "7")],
            policy: policy
        )
        #expect(plan.items.map(\.action) == [.update])
        #expect(plan.items[0].resource.annotations[ObjectLabels.sourceCommit] == "c2")
        #expect(
            plan.items[0].gitChanges?.map(\.path.description) == ["spec.template.spec.containers[name=server].image"]
        )
    }

    @Test("an object applied before that is gone from the cluster is drift by deletion")
    func recreate() {
        let desired = Fixtures.deployment("a")
        let plan = Planner.plan(
            desired: [desired],
            commit: "c1",
            live: [:],
            inventory: [desired.identity: Fixtures.record(desired, commit: "c1", verified: "7")],
            policy: policy
        )
        #expect(plan.items.map(\.action) == [.recreate])
    }

    @Test("prune candidates are inventory objects still live that git no longer has")
    func pruneCandidates() {
        let kept = Fixtures.deployment("kept")
        let removed = Fixtures.deployment("removed")
        let alreadyGone = Fixtures.deployment("gone")
        let foreign = Fixtures.deployment("foreign")
        let plan = Planner.plan(
            desired: [kept],
            commit: "c2",
            live: [
                kept.identity: Fixtures.live(kept, resourceVersion: "1"),
                removed.identity: Fixtures.live(removed, resourceVersion: "2"),
                foreign.identity: Fixtures.live(foreign, resourceVersion: "3"),
            ],
            inventory: [
                kept.identity: Fixtures.record(kept, commit: "c1", verified: "1"),
                removed.identity: Fixtures.record(removed, commit: "c1", verified: "2"),
                alreadyGone.identity: Fixtures.record(alreadyGone, commit: "c1", verified: "3"),
            ],
            policy: policy
        )
        #expect(plan.pruneCandidates.map(\.identity) == [removed.identity])
    }

    @Test("objects are planned in dependency order: namespaces, configuration, workloads, models")
    func order() {
        let plan = Planner.plan(
            desired: [
                Fixtures.deployment("model", model: "fraud"), Fixtures.deployment("web"),
                Fixtures.configMap("settings"),
                Fixtures.namespace("ml-prod"),
            ],
            commit: "c1",
            live: [:],
            inventory: [:],
            policy: policy
        )
        #expect(plan.items.map(\.resource.name) == ["ml-prod", "settings", "web", "model"])
    }

    @Test("drift is healed under heal and only reported under alert, per model")
    func decide() {
        let healed = Fixtures.deployment("healed", model: "a")
        let alerted = Fixtures.deployment("alerted", model: "b")
        let changed = Fixtures.deployment("changed")
        let policy = ReconcilePolicy(drift: .heal, driftOverrides: [alerted.identity: .alert])
        let plan = Planner.plan(
            desired: [healed, alerted, changed],
            commit: "c2",
            live: [
                healed.identity: Fixtures.live(healed, resourceVersion: "5"),
                alerted.identity: Fixtures.live(alerted, resourceVersion: "6"),
            ],
            inventory: [
                healed.identity: Fixtures.record(healed, commit: "c1", verified: "1"),
                alerted.identity: Fixtures.record(alerted, commit: "c1", verified: "1"),
            ],
            policy: policy
        )
        let drifts = [
            healed.identity: Drift(identity: healed.identity, kind: .modified, fields: [], mode: .heal),
            alerted.identity: Drift(identity: alerted.identity, kind: .modified, fields: [], mode: .alert),
        ]
        let decision = Planner.decide(plan, drifts: drifts)
        #expect(decision.applied.map(\.name).sorted() == ["changed", "healed"])
        #expect(decision.batches.allSatisfy { $0.force })
        #expect(decision.healed.map(\.identity) == [healed.identity])
        #expect(decision.alerted.map(\.identity) == [alerted.identity])
    }
}

extension PlannerTests {
    @Test("a sync applies in as few kubectl calls as order allows")
    func batching() {
        let namespace = Fixtures.namespace("ml-prod")
        let settings = Fixtures.configMap("settings")
        let web = Fixtures.deployment("web")
        let model = Fixtures.deployment("model", model: "fraud")
        func plan(_ resources: [Resource], overrides: [ObjectIdentity: DriftPolicy] = [:]) -> SyncDecision {
            Planner.decide(
                Planner.plan(
                    desired: resources,
                    commit: "c1",
                    live: [:],
                    inventory: [:],
                    policy: ReconcilePolicy(driftOverrides: overrides)
                ),
                drifts: [:]
            )
        }
        // One policy, no CRDs: one call, the Namespace first.
        let single = plan([model, web, settings, namespace])
        #expect(single.batches.map { $0.resources.map(\.name) } == [["ml-prod", "settings", "web", "model"]])
        // A model that only alerts on drift is applied without --force-conflicts: a second call, after the first.
        let mixed = plan([model, web, settings, namespace], overrides: [model.identity: .alert])
        #expect(mixed.batches.map { $0.resources.map(\.name) } == [["ml-prod", "settings", "web"], ["model"]])
        #expect(mixed.batches.map(\.force) == [true, false])
        // A CRD splits the calls: its objects wait until it is Established.
        let crd = Resource(object: [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": "widgets.example.com", "labels": ["app.kubernetes.io/managed-by": "mooring"]],
        ])
        let withCRD = plan([web, crd, namespace])
        #expect(withCRD.batches.map { $0.resources.map(\.name) } == [["ml-prod", "widgets.example.com"], ["web"]])
    }
}
