import Foundation
import KubeSim
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

/// Mooring's inventory kept in the cluster (`inventory.namespace`, implied by leader election): every host reads
/// the same list of what Mooring owns.
@Suite("Scenario: the inventory in the cluster", .serialized)
struct InventoryScenarioTests {
    typealias Example = ExampleDeployFolder

    static let handover =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: handover, namespace: ml-prod}\ndata: {k: v}\n"
    static let handoverIdentity = ObjectIdentity(group: "", kind: "ConfigMap", namespace: "ml-prod", name: "handover")
    static let inventory = ObjectIdentity(
        group: "",
        kind: "ConfigMap",
        namespace: "mooring-system",
        name: "mooring-inventory-default"
    )

    /// The identities the inventory ConfigMap lists, one `group/kind/namespace/name` per line.
    private func listed(_ scenario: SyncScenario) async -> [String]? {
        await scenario.live(Self.inventory)?["data"]?["objects"]?.stringValue.map {
            $0.split(separator: "\n").map(String.init)
        }
    }

    @Test(
        "after a failover, a file removed from git is pruned by the new leader, which never applied it: the inventory is read from the cluster"
    )
    func failoverPrunes() async throws {
        try await withSyncScenario { scenario in
            try await scenario.createNamespace("mooring-system")
            try scenario.write("cluster/handover.yaml", Self.handover)
            let withHandover = try await scenario.push("a ConfigMap the first leader creates")
            let election = SyncScenario.election(leaseDuration: "3600s", renewDeadline: "30s")
            try await scenario.withDaemons { start in
                let first = try start("first", election)
                let acquired = try await first.waitForEvent("leader_acquired")
                // A JSON log line carries its time in UTC, ISO 8601 (as journald's readers expect it).
                let time = try #require(acquired["time"]?.stringValue)
                #expect(time.hasSuffix("Z") && (try? Date(time, strategy: .iso8601)) != nil, "\(time)")
                try await waitUntil("the first leader has applied") { try first.appliedCommit() == withHandover }
                #expect(await scenario.live(Self.handoverIdentity) != nil)
                #expect(await listed(scenario)?.contains("/ConfigMap/ml-prod/handover") == true)

                let second = try start("second", election)
                try await waitUntil("the second host stands by") {
                    !second.messages(containing: "standing by").isEmpty
                }
                #expect(try await first.stop() == 0)
                try await second.waitForEvent("leader_acquired")
                try await waitUntil("the new leader has synced") { try second.appliedCommit() == withHandover }

                try scenario.remove("cluster/handover.yaml")
                let without = try await scenario.push("handover removed")
                try await waitUntil("the new leader has synced the removal") { try second.appliedCommit() == without }
                #expect(await scenario.live(Self.handoverIdentity) == nil, "pruned by the host that never applied it")
                #expect(await listed(scenario)?.contains("/ConfigMap/ml-prod/handover") == false)
                #expect(!second.events("sync_applied").isEmpty)
                #expect(try await second.stop() == 0)
            }
        }
    }

    @Test("an inventory in the cluster that cannot be understood, or is missing, never leads to a prune")
    func noPruneOnDoubt() async throws {
        try await withSyncScenario { scenario in
            try await scenario.createNamespace("mooring-system")
            let configuration = try String(contentsOfFile: scenario.configurationPath, encoding: .utf8)
            try (configuration + "inventory: {namespace: mooring-system}\n")
                .write(toFile: scenario.configurationPath, atomically: true, encoding: .utf8)
            try scenario.write("cluster/handover.yaml", Self.handover)
            try await scenario.push("a ConfigMap")
            let report = try await scenario.start().sync()
            #expect(report.target?.outcome == .applied, "\(report.allEvents)")
            #expect(await listed(scenario)?.contains("/ConfigMap/ml-prod/handover") == true)

            // Damaged: a line that is no identity. The journal alone would allow the prune; the doubt forbids it.
            let damaged = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: mooring-inventory-default, namespace: mooring-system}
                data: {objects: "not an identity"}
                """
            try await scenario.cluster.kubectlOK(
                ["apply", "--server-side", "--force-conflicts", "--field-manager=intruder", "-f", "-"],
                input: damaged
            )
            try scenario.remove("cluster/handover.yaml")
            try await scenario.push("handover removed")
            scenario.sim.resetRequests()
            let doubtful = try await scenario.start().sync()
            #expect(doubtful.target?.pruned == [])
            #expect(await scenario.live(Self.handoverIdentity) != nil)
            #expect(!scenario.changes().contains { $0.hasPrefix("DELETE") })
            #expect(
                doubtful.allEvents.contains {
                    $0.name == .syncFailed && $0.message.contains("mooring-inventory-default")
                }
            )
            #expect(await listed(scenario) == ["not an identity"], "not overwritten while it cannot be read")

            // Missing, and a host whose state directory is new: it owns nothing, so it prunes nothing.
            try await scenario.cluster.kubectlOK([
                "delete", "configmap", "-n", "mooring-system", "mooring-inventory-default",
            ])
            try FileManager.default.removeItem(atPath: scenario.stateDirectory)
            let fresh = try await scenario.start().sync()
            #expect(fresh.target?.pruned == [], "\(fresh.allEvents)")
            #expect(await scenario.live(Self.handoverIdentity) != nil)
            #expect(await listed(scenario)?.contains("/ConfigMap/ml-prod/handover") == false, "written afresh")
        }
    }
}
