import Foundation
import KubeSim
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

@Suite("Scenario: a sync by hand beside the daemon")
struct StateLockScenarioTests {
    @Test("`mooring sync` waits while another process syncs the same state directory, then runs")
    func waitsForTheLock() async throws {
        try await withDeployedScenario { scenario, _, _ in
            let lock = scenario.stateDirectory + "/lock"
            // Another process in the middle of a sync: it holds the lock, and has not written its pid.
            let holder = try SpawnedProcess([
                "python3", "-c",
                "import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); time.sleep(300)",
                lock,
            ])
            defer { holder.stop() }
            try await waitUntil("the other process holds \(lock)") {
                try await onOwnThread { try run(["flock", "-n", lock, "true"], check: false).status != 0 }
            }
            scenario.sim.resetRequests()
            let log = scenario.directory.appendingPathComponent("sync.log").path
            let sync = try MooringBinary.start(
                ["sync", "--config", scenario.configurationPath],
                logPath: log,
                environment: ["MOORING_LOG_FORMAT": "text"]
            )
            defer { sync.stop() }
            try await waitUntil("mooring sync says it waits") {
                (try? String(contentsOfFile: log, encoding: .utf8))?.contains("waiting for Mooring (another process)")
                    ?? false
            }
            #expect(scenario.sim.requests().isEmpty, "nothing reached the cluster while the lock was held")

            try await onOwnThread { holder.stop() }
            try await waitUntil("mooring sync finished") { !sync.isRunning }
            #expect(sync.exitCode == 0, "\((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
            #expect(!scenario.sim.requests().isEmpty)
        }
    }

    @Test("an engine reads the journal again after another process synced: no second apply, no second history line")
    func readsWhatAnotherWrote() async throws {
        try await withDeployedScenario { scenario, daemon, _ in
            try scenario.setChurnReplicas(4)
            let commit = try await scenario.push("churn-predictor: 4 replicas")
            let byHand = await try scenario.start().sync()
            #expect(byHand.target?.outcome == .applied, "\(byHand.allEvents)")

            scenario.sim.resetRequests()
            let next = await daemon.sync()
            #expect(next.target?.outcome == .inSync, "\(next.allEvents)")
            #expect(scenario.writeCalls().map(\.path) == [])
            let entries = try scenario.journal.history().entries.filter { $0.commit == commit }
            #expect(entries.count == 1)
        }
    }
}
