import Foundation
import KubeSim
import MooringCore
import ScenarioSupport
import Sync
import Synchronization
import TestSupport
import Testing

/// A write fence a test opens for a number of writes, then closes.
final class CountedFence: WriteFence {
    private let left: Mutex<Int>

    init(allowing writes: Int) {
        left = Mutex(writes)
    }

    func writeDeadline() -> ContinuousClock.Instant? {
        left.withLock { left in
            defer { left -= 1 }
            return left > 0 ? .now + .seconds(60) : nil
        }
    }

    var refusal: String { "the test's fence is closed" }
}

/// The stages a sync reported, for a test waiting for one.
final class StageLog: Sendable {
    private let stages = Mutex<[String]>([])

    func append(_ stage: String) { stages.withLock { $0.append(stage) } }
    var all: [String] { stages.withLock { $0 } }
}

@Suite("A sync stops when told: cancelled, past its deadline, or fenced")
struct SyncInterruptionTests {
    typealias Example = ExampleDeployFolder

    /// Starts a sync of a canary that never becomes ready, waits until it is in its health wait, and cancels it for
    /// `reason`; returns the report and how long the sync took to stop.
    static func interruptHealthWait(
        _ reason: SyncInterruption.Reason,
        in scenario: SyncScenario,
        engine: SyncEngine
    ) async throws -> (report: SyncReport, stopped: Duration, commit: String) {
        await scenario.sim.neverReady(Example.fraudDetector)
        try scenario.promoteFraudCanary(newCanaryAUC: 0.941)
        let commit = try await scenario.push("fraud-detector: canary 14")
        let stages = StageLog()
        let interruption = SyncInterruption()
        let control = SyncControl(interruption: interruption) { stages.append($0) }
        let sync = Task { await engine.sync(control: control) }
        try await waitUntil("the sync waits for health") { stages.all.contains { $0.hasPrefix("waiting for") } }
        let cancelled = ContinuousClock.now
        interruption.stop(reason)
        sync.cancel()
        let report = await sync.value
        return (report, ContinuousClock.now - cancelled, commit)
    }

    @Test(
        "a shutdown ends a health wait at once: sync_failed and a history line say what was left undone, the journal is saved, and the commit is checked again without backoff"
    )
    func shutdownInHealthWait() async throws {
        var policy = HostPolicy()
        policy.healthTimeout = "10m"
        try await withDeployedScenario(policy) { scenario, engine, _ in
            let (report, stopped, commit) = try await Self.interruptHealthWait(.shutdown, in: scenario, engine: engine)

            #expect(stopped < .seconds(10), "the 10-minute health wait ended at once")
            #expect(report.target?.outcome == .failed, "\(report.allEvents)")
            let failed = try #require(report.events(.syncFailed).first)
            #expect(failed.fields["reason"] == "shutdown")
            #expect(failed.fields["undone"]?.hasPrefix("waiting for 1 object(s) to become ready") == true, "\(failed)")
            #expect(report.events(.healthDegraded).isEmpty, "an interrupted wait is not a verdict on health")
            let entry = try #require(try scenario.journal.history().entries.last)
            #expect(entry.commit == commit)
            #expect(entry.result == .failed)
            #expect(entry.message?.contains("abandoned: Mooring is stopping") == true, "\(entry)")
            let state = try scenario.journalState()
            #expect(state.lastAppliedCommit == commit, "what was applied is in the saved journal")
            #expect(state.unhealthyCommit == commit, "its health is checked again")
            #expect(state.retryAfter == nil, "with no backoff")
        }
    }

    @Test("a sync cancelled at its deadline is recorded as sync_failed with reason deadline and backs off")
    func deadlineBacksOff() async throws {
        var policy = HostPolicy()
        policy.healthTimeout = "10m"
        try await withDeployedScenario(policy) { scenario, engine, _ in
            let (report, stopped, commit) = try await Self.interruptHealthWait(
                .deadline(.seconds(3)),
                in: scenario,
                engine: engine
            )

            #expect(stopped < .seconds(10))
            let failed = try #require(report.events(.syncFailed).first)
            #expect(failed.fields["reason"] == "deadline")
            #expect(failed.severity == .error)
            #expect(failed.message.contains("ran past its deadline of 3s"), "\(failed.message)")
            let state = try scenario.journalState()
            #expect(state.unhealthyCommit == commit)
            #expect(try #require(state.retryAfter) > Date(), "retried with backoff")
        }
    }

    @Test("a sync cancelled in a kubectl apply that hangs stops at once: kubectl is killed, the apply left undone")
    func cancelledInHungApply() async throws {
        try await withDeployedScenario(files: PruneScenarioTests.files) { scenario, engine, _ in
            try scenario.edit("config/alpha.yaml", replacing: "owner: alpha", with: "owner: alpha-2")
            try await scenario.push("alpha changes")
            let alpha = PruneScenarioTests.configMap("alpha").apiPath
            scenario.sim.faults.hangRequests(matching: .init(method: "PATCH", pathContains: alpha))
            defer { scenario.sim.faults.stopHanging() }
            let interruption = SyncInterruption()
            let sync = Task { await engine.sync(control: SyncControl(interruption: interruption)) }
            try await waitUntil("the apply hangs") {
                scenario.sim.requests().contains { $0.method == "PATCH" && $0.path == alpha && $0.status == 0 }
            }
            let cancelled = ContinuousClock.now
            interruption.stop(.deadline(.seconds(5)))
            sync.cancel()
            let report = await sync.value

            #expect(ContinuousClock.now - cancelled < .seconds(10), "not the 60 s cluster.timeout")
            let failed = try #require(report.events(.syncFailed).first, "\(report.allEvents)")
            #expect(failed.fields["reason"] == "deadline")
            #expect(failed.fields["undone"]?.hasPrefix("applying 1 object(s)") == true, "\(failed)")
            #expect(try scenario.journal.history().entries.last?.result == .failed)
        }
    }

    @Test("a closed write fence stops a sync before its next write: the prune after an allowed apply is not done")
    func fenceClosesBeforePrune() async throws {
        try await withDeployedScenario(files: PruneScenarioTests.files) { scenario, engine, _ in
            try scenario.edit("config/alpha.yaml", replacing: "owner: alpha", with: "owner: alpha-2")
            try scenario.remove("config/bravo.yaml")
            try await scenario.push("alpha changes, bravo goes")
            scenario.sim.resetRequests()
            let report = await engine.sync(control: SyncControl(fence: CountedFence(allowing: 1)))

            #expect(scenario.changes() == ["PATCH \(PruneScenarioTests.configMap("alpha").apiPath)"])
            #expect(await scenario.live(PruneScenarioTests.configMap("bravo")) != nil, "not pruned")
            #expect(report.target?.pruned == [])
            let failed = try #require(report.events(.syncFailed).first, "\(report.allEvents)")
            #expect(failed.fields["reason"] == "leadership")
            #expect(failed.fields["undone"]?.hasPrefix("pruning 1 object(s) removed from git") == true, "\(failed)")
            #expect(failed.message.contains("the test's fence is closed"))
            #expect(report.events(.pruneBlocked).isEmpty)
        }
    }

    @Test("with the fence closed from the start, a sync writes nothing")
    func fenceClosed() async throws {
        try await withSyncScenario(files: PruneScenarioTests.files) { scenario in
            let engine = try scenario.start()
            let report = await engine.sync(control: SyncControl(fence: CountedFence(allowing: 0)))

            #expect(scenario.changes() == [])
            #expect(report.target?.outcome == .failed)
            #expect(report.target?.leftUndone?.hasPrefix("applying") == true, "\(report.allEvents)")
        }
    }

    @Test("with the inventory in the cluster and the fence closed, not even the inventory is written")
    func fenceClosedKeepsTheInventory() async throws {
        try await withSyncScenario(files: PruneScenarioTests.files) { scenario in
            try await scenario.createNamespace("mooring-system")
            let configuration = try String(contentsOfFile: scenario.configurationPath, encoding: .utf8)
            try (configuration + "inventory: {namespace: mooring-system}\n")
                .write(toFile: scenario.configurationPath, atomically: true, encoding: .utf8)
            scenario.sim.resetRequests()
            let engine = try scenario.start()
            let report = await engine.sync(control: SyncControl(fence: CountedFence(allowing: 0)))

            #expect(scenario.changes() == [], "the inventory ConfigMap is a write like any other")
            #expect(report.target?.outcome == .failed)
            let failed = try #require(report.events(.syncFailed).first, "\(report.allEvents)")
            #expect(failed.fields["reason"] == "leadership")
        }
    }
}
