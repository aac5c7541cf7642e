import GitSource
import Logging
import MooringCore
import Reconciler

@testable import Sync

/// Values the unit tests of the writing stages share: objects, a planned sync, what its writes did, a run.
enum WriteStageFixtures {
    static func resource(_ kind: String, _ name: String, apiVersion: String = "v1") -> Resource {
        Resource(object: [
            "apiVersion": .string(apiVersion), "kind": .string(kind),
            "metadata": ["name": .string(name), "namespace": "ml"],
        ])
    }

    static let configMap = resource("ConfigMap", "settings")
    static let deployment = resource("Deployment", "churn", apiVersion: "apps/v1")
    static let crd = resource("CustomResourceDefinition", "models.mooring.dev", apiVersion: "apiextensions.k8s.io/v1")

    static func item(_ resource: Resource, _ action: PlanItem.Action) -> PlanItem {
        PlanItem(resource: resource, action: action, mode: .alert, previous: nil, live: nil)
    }

    /// A sync of `items`, applying `applying` in one batch, from a fresh render (or a fallback).
    static func planned(
        _ items: [PlanItem],
        applying: [Resource],
        fallback: Bool = false,
        adopted: Set<ObjectIdentity> = []
    ) -> PlannedSync {
        PlannedSync(
            desired: DesiredSnapshot(
                resources: items.map(\.resource),
                models: [],
                driftOverrides: [:],
                commit: SyncFixtures.commit,
                commitInfo: nil,
                isFallback: fallback
            ),
            plan: Plan(commit: SyncFixtures.commit.hex, items: items, pruneCandidates: []),
            decision: SyncDecision(
                batches: [ApplyBatch(phase: .configuration, force: false, resources: applying)],
                clean: [],
                healed: [],
                alerted: []
            ),
            policy: ReconcilePolicy(),
            adopted: adopted,
            stillLive: [],
            trusted: true
        )
    }

    /// Writes that applied `applied` and pruned `pruned`.
    static func writes(
        applied: [Resource],
        pruned: [ObjectIdentity] = [],
        failed: Bool = false,
        healthy: Bool = true
    ) -> SyncWrites {
        var progress = ApplyProgress()
        progress.applied = Set(applied.map(\.identity))
        progress.failed = failed
        return SyncWrites(
            applied: progress,
            pruneDecision: PruneDecision(),
            pruned: pruned,
            healthy: healthy,
            healthChecked: false,
            versions: [:]
        )
    }

    /// A silent run of target `prod` that raised `events`.
    static func run(_ events: [SyncEvent] = []) -> TargetRun {
        var run = TargetRun(
            target: TargetSettings(name: "prod", path: "prod", cluster: ClusterSettings(), policy: PolicySettings()),
            logger: Logger(label: "test"),
            silent: true
        )
        for event in events { run.raise(event) }
        return run
    }
}
