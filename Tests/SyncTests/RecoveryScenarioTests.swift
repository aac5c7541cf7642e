import Foundation
import GitSource
import KubeSim
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Scenario: failures on the way, and recovery")
struct RecoveryScenarioTests {
    typealias Example = ExampleDeployFolder

    /// A commit touching both models and removing the serving ConfigMap: churn-predictor's Deployment (drift: heal)
    /// is applied in the first batch, fraud-detector's InferenceService (drift: alert, so applied without
    /// `--force-conflicts`) in the next, then the ConfigMap is pruned.
    static func pushChange(_ scenario: SyncScenario) async throws -> String {
        try scenario.edit("models/fraud-detector/deployment.yaml", replacing: "traffic: 10", with: "traffic: 20")
        try scenario.setChurnReplicas(4)
        try scenario.remove("cluster/model-serving-config.yaml")
        return try await scenario.push("canary at 20%, churn on 4 replicas, shared config retired")
    }

    static let fraudApply = KubeSimFaults.Match(method: "PATCH", pathContains: "/inferenceservices/fraud-detector")

    /// Expects the cluster and the journal to hold all of `pushChange`'s commit, and nothing it removed.
    static func expectConverged(_ scenario: SyncScenario, _ report: SyncReport, commit: String) async throws {
        #expect(report.target?.outcome == .applied, "\(report.allEvents)")
        #expect(report.target?.pruned == [Example.servingConfig])
        try await expectConvergedState(scenario, commit: commit)
    }

    /// The cluster and the journal at `commit`: the change applied, the removed ConfigMap pruned.
    static func expectConvergedState(_ scenario: SyncScenario, commit: String) async throws {
        #expect(try #require(await scenario.live(Example.churnDeployment))[path: "spec.replicas"] == 4)
        #expect(
            try #require(await scenario.live(Example.fraudDetector))[path: "spec.predictor.canaryTrafficPercent"] == 20
        )
        #expect(await scenario.live(Example.servingConfig) == nil)
        let state = try scenario.journalState()
        #expect(state.lastAppliedCommit == commit)
        #expect(Set(state.inventory.map(\.identity)) == Example.objects.subtracting([Example.servingConfig]))
    }

    @Test("the API server failing mid-apply leaves everything unpruned; the next attempt converges and prunes")
    func failureMidApply() async throws {
        try await withDeployedScenario { scenario, engine, first in
            let change = try await Self.pushChange(scenario)

            scenario.sim.faults.failNext(1, status: 500, matching: Self.fraudApply)
            scenario.sim.resetRequests()
            let failed = await engine.sync()

            #expect(failed.target?.outcome == .failed, "\(failed.allEvents)")
            #expect(failed.isFailure)
            #expect(failed.events(.syncFailed).contains { $0.message.contains(Example.fraudDetector.description) })
            #expect(scenario.changes() == ["PATCH \(Example.churnDeployment.apiPath)"], "the first batch went through")
            #expect(await scenario.live(Example.servingConfig) != nil, "nothing is pruned after a failed apply")
            #expect(failed.events(.pruneBlocked).first?.message.contains("an apply of this sync failed") == true)
            #expect(try scenario.journalState().lastAppliedCommit == first.commit?.hex)

            scenario.sim.resetRequests()
            let waiting = await engine.sync()
            #expect(waiting.target?.outcome == .waiting, "a failed commit is retried after a backoff")
            #expect(waiting.isFailure, "the cluster is not at the commit")
            #expect(scenario.writeCalls().map(\.path) == [])

            // A person running `mooring sync` retries at once: the backoff guards the daemon's loop.
            let command = try await scenario.mooring("sync")
            #expect(command.status == 0, "\(command.stdout)\(command.stderr)")
            #expect(command.stdout.contains("default: applied"), "\(command.stdout)")
            try await Self.expectConvergedState(scenario, commit: change)
            #expect(await scenario.live(Example.servingConfig) == nil, "pruned once every apply succeeded")
        }
    }

    @Test("Mooring killed in the middle of a sync converges on restart; the journal stays intact")
    func killedMidSync() async throws {
        try await withDeployedScenario { scenario, _, first in
            let change = try await Self.pushChange(scenario)

            scenario.sim.faults.hangRequests(matching: Self.fraudApply)
            scenario.sim.resetRequests()
            let log = scenario.directory.appendingPathComponent("killed-sync.log").path
            let mooring = try MooringBinary.start(["sync", "--config", scenario.configurationPath], logPath: log)
            let sim = scenario.sim
            try await waitUntil("the second apply batch to reach the cluster", timeout: .seconds(60)) {
                sim.requests().contains { $0.method == "PATCH" && $0.path == Example.fraudDetector.apiPath }
            }
            kill(mooring.pid, SIGKILL)
            mooring.stop()
            // The kubectl Mooring started outlives it; its apply is refused once let through.
            sim.faults.failNext(1, status: 500, matching: Self.fraudApply)
            sim.faults.stopHanging()
            try await waitUntil("the orphaned apply to be answered") {
                sim.requests().allSatisfy { $0.status != 0 }
            }
            #expect(scenario.changes() == ["PATCH \(Example.churnDeployment.apiPath)"], "killed after the first batch")
            #expect(try scenario.journalState().lastAppliedCommit == first.commit?.hex)

            let restarted = try await scenario.start().sync()
            try await Self.expectConverged(scenario, restarted, commit: change)
            let history = try scenario.journal.history()
            #expect(history.unreadableLines == 0)
            #expect(history.entries.map(\.commit) == [first.commit?.hex, change])
        }
    }

    @Test("with git unreachable, drift is still healed from the journal's last applied state")
    func gitUnreachable() async throws {
        try await withDeployedScenario { scenario, engine, first in
            let moved = scenario.directory.appendingPathComponent("moved.git")
            try FileManager.default.moveItem(at: scenario.repository.bare, to: moved)
            try await scenario.scaleChurnByHand()
            let report = await engine.sync()

            #expect(report.events(.sourceUnreachable).count == 1, "\(report.allEvents)")
            #expect(report.events(.driftHealed).map { $0.fields["object"] } == [Example.churnDeployment.description])
            #expect(try #require(await scenario.live(Example.churnDeployment))[path: "spec.replicas"] == 3)
            #expect(report.target?.commit?.hex == first.commit?.hex)
            let stillDown = await engine.sync()
            #expect(stillDown.events(.sourceUnreachable) == [], "an outage is alerted when it starts, not every poll")

            try FileManager.default.moveItem(at: moved, to: scenario.repository.bare)
            let back = await engine.sync()
            #expect(back.events(.sourceUnreachable) == [])
            #expect(back.target?.outcome == .inSync, "\(back.allEvents)")
        }
    }

    @Test("a corrupt state.json is moved aside; safe mode applies but prunes nothing until the inventory is rebuilt")
    func corruptJournal() async throws {
        try await withDeployedScenario { scenario, _, _ in
            _ = try await Self.pushChange(scenario)
            var damaged = try Data(contentsOf: URL(fileURLWithPath: scenario.journal.statePath))
            damaged[damaged.count / 2] ^= 0x20
            try damaged.write(to: URL(fileURLWithPath: scenario.journal.statePath))
            let engine = try scenario.start()
            scenario.sim.resetRequests()
            let report = await engine.sync()

            let corrupt = try #require(report.events(.journalCorrupt).first, "\(report.allEvents)")
            let movedTo = try #require(corrupt.fields["movedTo"])
            #expect(FileManager.default.fileExists(atPath: movedTo))
            #expect(try Data(contentsOf: URL(fileURLWithPath: movedTo)) == damaged, "set aside, not rewritten")
            #expect(try #require(await scenario.live(Example.churnDeployment))[path: "spec.replicas"] == 4)
            #expect(await scenario.live(Example.servingConfig) != nil, "safe mode never prunes")
            #expect(!scenario.changes().contains { $0.hasPrefix("DELETE") })
            #expect(try scenario.journalState().inventory.count == 4, "rebuilt from what was applied")

            try scenario.remove("models/churn-predictor")
            try await scenario.push("churn-predictor retired")
            let retired = await engine.sync()
            #expect(
                Set(retired.target?.pruned ?? []) == [Example.churnDeployment, Example.churnService],
                "once rebuilt, the inventory guards pruning again: \(retired.allEvents)"
            )

        }
    }
}
