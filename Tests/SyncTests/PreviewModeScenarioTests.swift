import Foundation
import KubeSim
import MooringCore
import Reconciler
import ScenarioSupport
import Sync
import TestSupport
import Testing

/// `mooring sync --dry-run` and `mooring diff` are two modes of one pipeline: for one repository and cluster state
/// they name the same objects and the same actions.
@Suite("Scenario: a dry run and a preview of the same commit agree")
struct PreviewModeScenarioTests {
    typealias Example = ExampleDeployFolder

    static let featureFlags = ObjectIdentity(group: "", kind: "ConfigMap", namespace: "ml-prod", name: "feature-flags")

    /// A commit that updates churn-predictor, adds a ConfigMap and removes the serving config, while fraud-detector
    /// was changed by hand: an update, a create, a prune and a drift.
    private func changeEverything(_ scenario: SyncScenario) async throws {
        try scenario.setChurnReplicas(4)
        try scenario.write(
            "cluster/feature-flags.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: feature-flags, namespace: ml-prod}\ndata: {new: \"1\"}\n"
        )
        try scenario.remove("cluster/model-serving-config.yaml")
        try await scenario.push("churn-predictor on 4 replicas, feature flags, no serving config")
        try await scenario.patchFraudByHand(minReplicas: 5)
    }

    /// The objects of a preview by what would happen to them.
    private static func byAction(_ objects: [ObjectPreview]) -> [ObjectPreview.Action: Set<ObjectIdentity>] {
        var grouped: [ObjectPreview.Action: Set<ObjectIdentity>] = [:]
        for object in objects { grouped[object.action, default: []].insert(object.identity) }
        return grouped
    }

    /// Expects `objects` to name what `decision` applies (created, updated or healed), the drift it heals and leaves,
    /// and what `prunes` prunes and keeps.
    private static func expectAgreement(_ objects: [ObjectPreview], decision: SyncDecision, prunes: PruneDecision) {
        let grouped = byAction(objects)
        let written = (grouped[.create] ?? []).union(grouped[.update] ?? []).union(grouped[.heal] ?? [])
        let applied = Set(decision.applied.map { $0.identity })
        #expect(written == applied, "\(objects)")
        #expect(grouped[.heal] ?? [] == Set(decision.healed.map { $0.identity }))
        #expect(grouped[.drift] ?? [] == Set(decision.alerted.map { $0.identity }))
        #expect(grouped[.prune] ?? [] == Set(prunes.prune.map { $0.identity }))
        #expect(grouped[.keep] ?? [] == Set(prunes.blocked.map { $0.resource.identity }))
    }

    /// After `changeEverything`, a dry run's report and a preview of the tip of the branch; `body` gets them, and what
    /// `sync(.preview)` reports. None of them writes to the cluster.
    private func withDryRunAndPreview(
        _ body: (_ dryRun: TargetReport, _ preview: TargetPreview, _ previewed: TargetReport) throws -> Void
    ) async throws {
        try await withDeployedScenario { scenario, engine, _ in
            try await changeEverything(scenario)
            scenario.sim.resetRequests()
            let report = await engine.sync(.dryRun)
            let previews = try await engine.preview(.trackedBranch)
            let previewReport = await engine.sync(.preview(.trackedBranch))
            #expect(scenario.changes() == [], "neither writes to the cluster")
            try body(try #require(report.target), try #require(previews.first), try #require(previewReport.target))
        }
    }

    @Test("sync --dry-run's decision and mooring diff's objects name the same objects with the same actions")
    func sameDecision() async throws {
        try await withDryRunAndPreview { dryRun, preview, _ in
            let decision = try #require(dryRun.decision, "\(dryRun.events)")
            Self.expectAgreement(preview.objects, decision: decision, prunes: try #require(dryRun.pruneDecision))
            let objects = Self.byAction(preview.objects)
            #expect(objects[.create] ?? [] == Set([Self.featureFlags]))
            #expect(objects[.update] ?? [] == Set([Example.churnDeployment]))
            #expect(objects[.prune] ?? [] == Set([Example.servingConfig]))
            let drifted = (objects[.heal] ?? []).union(objects[.drift] ?? [])
            #expect(drifted == Set([Example.fraudDetector]), "\(preview.objects)")
        }
    }

    @Test("a sync in preview mode reports the dry run's decision and the preview's objects from one run")
    func oneRun() async throws {
        try await withDryRunAndPreview { dryRun, preview, previewed in
            #expect(previewed.outcome == .planned, "\(previewed.events)")
            #expect(previewed.decision == dryRun.decision)
            #expect(previewed.pruneDecision == dryRun.pruneDecision)
            #expect(previewed.preview?.objects == preview.objects)
        }
    }
}
