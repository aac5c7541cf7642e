import Foundation
import KubeSim
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

@Suite("Scenario: systemctl stop during a rollout", .serialized)
struct CleanStopScenarioTests {
    typealias Example = ExampleDeployFolder

    @Test(
        "SIGTERM during a rollout that never becomes ready: exit 0 within seconds, the interrupted sync in history and the journal, the Lease released"
    )
    func sigtermDuringRollout() async throws {
        var policy = HostPolicy()
        policy.healthTimeout = "10m"
        try await withSyncScenario(policy) { scenario in
            try await scenario.createNamespace("mooring-system")
            await scenario.sim.neverReady(Example.fraudDetector)
            try await scenario.withDaemons { start in
                let daemon = try start("host", SyncScenario.election())
                let acquired = try await daemon.waitForEvent("leader_acquired")
                try await waitUntil("the daemon waits for the rollout") {
                    !daemon.messages(containing: "to become ready").isEmpty
                }
                #expect(await scenario.leaseSpec()?["holderIdentity"] == acquired["identity"])

                let stopping = ContinuousClock.now
                #expect(try await daemon.stop() == 0)
                #expect(ContinuousClock.now - stopping < .seconds(20), "not the 10-minute health timeout")

                let failed = try #require(daemon.events("sync_failed").first)
                #expect(failed["reason"] == "shutdown")
                #expect(failed["undone"]?.stringValue?.contains("to become ready") == true, "\(failed)")
                let entry = try #require(try Journal(directory: daemon.stateDirectory).history().entries.last)
                #expect(entry.result == .failed)
                #expect(entry.message?.contains("Mooring is stopping") == true, "\(entry)")
                #expect(try daemon.appliedCommit() != nil, "the journal was saved")
                #expect(!daemon.messages(containing: "released the Lease mooring-system/mooring").isEmpty)
                #expect(await scenario.leaseSpec()?["holderIdentity"]?.stringValue == nil, "nobody holds the Lease")
            }
        }
    }
}
