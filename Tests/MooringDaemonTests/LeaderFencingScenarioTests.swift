import Foundation
import KubeSim
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

/// Each scenario runs several `mooring run` processes: one at a time, so that a loaded machine does not stretch a
/// kubectl call past the renew deadline.
@Suite("Scenario: one writer at a time (fencing)", .serialized)
struct LeaderFencingScenarioTests {
    typealias Example = ExampleDeployFolder

    @Test(
        "a leader paused past its Lease and resumed abandons its sync at once and writes nothing; leader_lost names what it left undone",
        arguments: [2, 3]
    )
    func pausedLeader(hosts: Int) async throws {
        var policy = HostPolicy()
        policy.healthTimeout = "10m"
        try await withSyncScenario(policy) { scenario in
            try await scenario.createNamespace("mooring-system")
            await scenario.sim.neverReady(Example.fraudDetector)
            let election = SyncScenario.election(leaseDuration: "6s", renewDeadline: "4s")
            try await scenario.withDaemons { start in
                var daemons: [RunningDaemon] = []
                for host in 1...hosts { daemons.append(try start("host-\(host)", election)) }
                try await Self.pauseLeader(of: daemons, in: scenario)
            }
        }
    }

    /// Pauses the leader of `daemons` in its health wait until another host has taken the Lease over and synced,
    /// resumes it, and checks that it abandons its sync and writes nothing; then stops every daemon.
    static func pauseLeader(of daemons: [RunningDaemon], in scenario: SyncScenario) async throws {
        try await waitUntil("one host leads") { daemons.contains { !$0.events("leader_acquired").isEmpty } }
        let first = try #require(daemons.firstIndex { !$0.events("leader_acquired").isEmpty })
        let old = daemons[first]
        try await waitUntil("the leader waits for the rollout") {
            !old.messages(containing: "to become ready").isEmpty
        }

        old.send(SIGSTOP)
        let others = daemons.indices.filter { $0 != first }
        try await waitUntil("another host takes the Lease over", timeout: .seconds(120)) {
            others.contains { !daemons[$0].events("leader_acquired").isEmpty }
        }
        let taker = try #require(others.first { !daemons[$0].events("leader_acquired").isEmpty })
        let identity = try #require(daemons[taker].events("leader_acquired").first?["identity"])
        try await waitUntil("the new leader has applied and waits for the rollout too") {
            !daemons[taker].messages(containing: "to become ready").isEmpty
        }

        let resumedAt = scenario.sim.requests().count
        old.send(SIGCONT)
        let lost = try await old.waitForEvent("leader_lost")
        let message = try #require(lost["message"]?.stringValue)
        #expect(message.contains("left undone"), "\(message)")
        #expect(message.contains("to become ready"), "\(message)")
        let abandoned = old.events("sync_failed").filter { $0["reason"] == "leadership" }
        #expect(abandoned.count == 1, "\(old.events("sync_failed"))")
        try await waitUntil("the old leader stands by") {
            !old.messages(containing: "standing by: \(identity.stringValue ?? "")").isEmpty
        }

        let writes = scenario.sim.requests().dropFirst(resumedAt).filter {
            $0.isWrite && (200..<300).contains($0.status) && !$0.path.contains("/leases/")
        }
        #expect(writes.isEmpty, "no write after the Lease was lost: \(writes.map { "\($0.method) \($0.path)" })")
        #expect(await scenario.leaseSpec()?["holderIdentity"] == identity)
        for daemon in daemons {
            let exitCode = try await daemon.stop()
            #expect(exitCode == 0)
        }
    }
}
