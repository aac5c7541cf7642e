import Foundation
import KubeSim
import MooringCore
import ScenarioSupport
import Sync
import Synchronization
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Each scenario runs `mooring run` processes that call kubectl every second: one at a time, so that a loaded
/// machine does not stretch a kubectl call past the renew deadline.
@Suite("Scenario: several hosts, one leader (leaderElection)", .serialized)
struct LeaderElectionScenarioTests {
    typealias Example = ExampleDeployFolder

    static let handover =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: handover, namespace: ml-prod}\ndata: {k: v}\n"

    @Test(
        "of two daemons on one repository exactly one applies and raises leader_acquired; stopped, it releases the Lease and the other takes over at once"
    )
    func twoDaemons() async throws {
        try await withSyncScenario { scenario in
            try await scenario.createNamespace("mooring-system")
            // A Lease far longer than any deadline here: only a release can hand it over within them.
            let election = SyncScenario.election(leaseDuration: "3600s", renewDeadline: "30s")
            try await scenario.withDaemons { start in
                let first = try start("first", election)
                let second = try start("second", election)

                try await waitUntil("one daemon leads") {
                    !first.events("leader_acquired").isEmpty || !second.events("leader_acquired").isEmpty
                }
                let (leader, standby) = first.events("leader_acquired").isEmpty ? (second, first) : (first, second)
                let identity = try #require(leader.events("leader_acquired").first?["identity"]?.stringValue)
                try await waitUntil("the leader has applied") { try leader.appliedCommit() != nil }
                try await waitUntil("the standby has seen who leads") {
                    !standby.messages(containing: "standing by: \(identity) holds the Lease").isEmpty
                }
                let reads = scenario.leaseReads()
                try await waitUntil("the standby has tried a few more times", timeout: .seconds(180)) {
                    scenario.leaseReads() >= reads + 4
                }
                #expect(standby.events("leader_acquired").isEmpty)
                #expect(try standby.appliedCommit() == nil, "the standby applied nothing")
                #expect(standby.events("sync_applied").isEmpty)
                #expect(await scenario.leaseSpec()?["holderIdentity"]?.stringValue == identity)

                #expect(try await leader.stop() == 0)
                #expect(!leader.messages(containing: "released the Lease mooring-system/mooring").isEmpty)
                #expect(leader.events("leader_lost").isEmpty, "a graceful release is not a loss")
                let takeover = try await standby.waitForEvent("leader_acquired")
                try await waitUntil("the new leader has synced") { try standby.appliedCommit() != nil }
                let lease = await scenario.leaseSpec()
                #expect(lease?["holderIdentity"] == takeover["identity"])
                #expect(lease?["leaseTransitions"] == 1)
                #expect(try await standby.stop() == 0)
            }
        }
    }

    @Test(
        "a Lease its holder keeps renewing is never taken; once the holder stops, a standby takes it after the lease duration"
    )
    func liveHolder() async throws {
        try await withSyncScenario { scenario in
            try await scenario.createNamespace("mooring-system")
            let lease = """
                apiVersion: coordination.k8s.io/v1
                kind: Lease
                metadata: {name: mooring, namespace: mooring-system}
                spec: {holderIdentity: other-host, leaseDurationSeconds: 8, leaseTransitions: 4}
                """
            try await scenario.cluster.kubectlOK(["apply", "--server-side", "-f", "-"], input: lease)
            // The other host renews straight over HTTP, every 300ms, with no kubectl process to slow it down.
            var request = URLRequest(url: try #require(URL(string: scenario.sim.baseURL + SyncScenario.leasePath())))
            request.httpMethod = "PATCH"
            request.setValue("Bearer kubesim-admin-token", forHTTPHeaderField: "Authorization")
            request.setValue("application/merge-patch+json", forHTTPHeaderField: "Content-Type")
            let renewal = request
            // Stopped by a flag, never by cancelling: cancelling a task inside `URLSession.data(for:)` can deadlock
            // FoundationNetworking (the cancel waits on the session's queue while that queue, finishing the same
            // request, waits for the task's status lock), and with it the whole test process.
            let stopRenewing = StopRenewing()
            let holder = Task {
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = TimeZone(identifier: "UTC")
                formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'"
                while !stopRenewing.isSet {
                    var request = renewal
                    request.httpBody = Data(#"{"spec":{"renewTime":"\#(formatter.string(from: Date()))"}}"#.utf8)
                    let (_, response) = try await URLSession.shared.data(for: request)
                    guard (response as? HTTPURLResponse)?.statusCode == 200 else {
                        throw ScenarioError(description: "the other host's renewal failed: \(response)")
                    }
                    try await Task.sleep(for: .milliseconds(300))
                }
            }
            try await scenario.withDaemons { start in
                let daemon: RunningDaemon
                do {
                    daemon = try start("standby", SyncScenario.election())
                    try await waitUntil("the daemon stands by") {
                        !daemon.messages(containing: "standing by: other-host holds the Lease").isEmpty
                    }
                } catch {
                    stopRenewing.set()
                    _ = await holder.result
                    throw error
                }
                let reads = scenario.leaseReads()
                // Each try waits at least the retry period (1s): 10 more span more than the 8-second lease.
                try await waitUntil("the daemon has tried for longer than the lease lasts", timeout: .seconds(180)) {
                    scenario.leaseReads() >= reads + 10
                }
                #expect(daemon.events("leader_acquired").isEmpty)
                #expect(await scenario.leaseSpec()?["holderIdentity"] == "other-host")
                #expect(try daemon.appliedCommit() == nil)

                stopRenewing.set()
                _ = await holder.result
                let acquired = try await daemon.waitForEvent("leader_acquired")
                let lease = await scenario.leaseSpec()
                #expect(lease?["holderIdentity"] == acquired["identity"])
                #expect(lease?["leaseTransitions"] == 5)
                try await waitUntil("the new leader has synced") { try daemon.appliedCommit() != nil }
                #expect(try await daemon.stop() == 0)
            }
        }
    }

    @Test("a leader that cannot renew raises leader_lost and starts no sync until it leads again")
    func cannotRenew() async throws {
        try await withSyncScenario { scenario in
            try await scenario.createNamespace("mooring-system")
            try await scenario.withDaemons { start in
                let daemon = try start("leader", SyncScenario.election())
                try await daemon.waitForEvent("leader_acquired")
                try await waitUntil("the leader has applied") { try daemon.appliedCommit() != nil }
                let first = try daemon.appliedCommit()

                // Its access to the Lease is revoked.
                scenario.sim.faults.failNext(1_000_000, status: 403, matching: .init(pathContains: "/leases/"))
                let lost = try await daemon.waitForEvent("leader_lost")
                #expect(lost["message"]?.stringValue?.contains("could not be renewed") == true, "\(lost)")
                scenario.sim.resetRequests()
                try scenario.write("cluster/handover.yaml", Self.handover)
                let commit = try await scenario.push("a change while no host leads")
                // Each try waits at least the retry period (1s): 5 span several 1-second polls.
                try await waitUntil("the daemon has tried to renew for several polls", timeout: .seconds(180)) {
                    scenario.leaseReads() >= 5
                }
                #expect(scenario.writeCalls().filter { !$0.path.contains("/leases/") }.isEmpty, "no sync ran")
                #expect(try daemon.appliedCommit() == first)
                let advice = daemon.messages(containing: "Mooring needs get, create and update on leases")
                #expect(advice.count == 1, "a lasting failure is logged once: \(advice)")

                scenario.sim.faults.reset()
                try await daemon.waitForEvent("leader_acquired", count: 2)
                try await waitUntil("the leader again has applied the new commit") {
                    try daemon.appliedCommit() == commit
                }
                #expect(try await daemon.stop() == 0)
            }
        }
    }

    @Test(
        "a missing Lease namespace is an error that says to create it and what Mooring may do there; nothing syncs until then"
    )
    func missingNamespace() async throws {
        try await withSyncScenario { scenario in
            try await scenario.withDaemons { start in
                let daemon = try start("lonely", SyncScenario.election(namespace: "mooring-ha"))
                try await waitUntil("the daemon says what to do") {
                    !daemon.messages(containing: "kubectl create namespace mooring-ha").isEmpty
                }
                let reads = scenario.leaseReads(namespace: "mooring-ha")
                try await waitUntil("the daemon has tried a few more times", timeout: .seconds(180)) {
                    scenario.leaseReads(namespace: "mooring-ha") >= reads + 3
                }
                let advice = daemon.messages(containing: "kubectl create namespace mooring-ha")
                #expect(advice.count == 1, "\(advice)")
                #expect(advice.first?.contains("get, create and update on leases (coordination.k8s.io)") == true)
                #expect(daemon.log().first { $0["message"]?.stringValue == advice.first }?["level"] == "error")
                #expect(try daemon.appliedCommit() == nil)

                try await scenario.createNamespace("mooring-ha")
                try await daemon.waitForEvent("leader_acquired")
                try await waitUntil("the leader has applied") { try daemon.appliedCommit() != nil }
                #expect(try await daemon.stop() == 0)
            }
        }
    }

    @Test("with leaderElection.enabled false the daemon syncs and never asks for a Lease")
    func disabled() async throws {
        try await withSyncScenario { scenario in
            try await scenario.withDaemons { start in
                let daemon = try start("solo", "{enabled: false, namespace: mooring-system}")
                try await waitUntil("the daemon has applied") { try daemon.appliedCommit() != nil }
                #expect(try await daemon.stop() == 0)
                #expect(scenario.sim.requests().filter { $0.path.contains("/leases") }.isEmpty)
                #expect(daemon.messages(containing: "Lease").isEmpty)
            }
        }
    }
}

/// Tells the renewing task of ``LeaderElectionScenarioTests/liveHolder()`` to stop after its current renewal.
private final class StopRenewing: Sendable {
    private let flag = Mutex(false)

    var isSet: Bool { flag.withLock { $0 } }

    func set() { flag.withLock { $0 = true } }
}
