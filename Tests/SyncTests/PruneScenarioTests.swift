import Foundation
import KubeSim
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

@Suite("Scenario: files are removed from git")
struct PruneScenarioTests {
    /// A namespace and five ConfigMaps in it, one file each, and a README that is not a manifest.
    static let files: [String: String] = {
        var files = [
            "README.md": "Team A's configuration.\n",
            "namespace.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n",
        ]
        for name in names {
            files["config/\(name).yaml"] = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: \(name), namespace: team-a}
                data: {owner: \(name)}

                """
        }
        return files
    }()

    static let names = ["alpha", "bravo", "charlie", "delta", "echo"]
    static let namespace = ObjectIdentity(group: "", kind: "Namespace", namespace: nil, name: "team-a")

    static func configMap(_ name: String) -> ObjectIdentity {
        ObjectIdentity(group: "", kind: "ConfigMap", namespace: "team-a", name: name)
    }

    static func liveNames(_ scenario: SyncScenario) async -> [String] {
        var live: [String] = []
        for name in names where await scenario.live(configMap(name)) != nil { live.append(name) }
        return live
    }

    @Test("removing a file prunes exactly its object")
    func removeOne() async throws {
        try await withDeployedScenario(files: Self.files) { scenario, engine, _ in
            try scenario.remove("config/bravo.yaml")
            try await scenario.push("bravo is no longer needed")
            scenario.sim.resetRequests()
            let report = await engine.sync()

            #expect(report.target?.outcome == .applied, "\(report.allEvents)")
            #expect(report.target?.pruned == [Self.configMap("bravo")])
            #expect(scenario.changes() == ["DELETE \(Self.configMap("bravo").apiPath)"])
            #expect(await Self.liveNames(scenario) == ["alpha", "charlie", "delta", "echo"])
            #expect(try scenario.journal.history().entries.last?.pruned == [Self.configMap("bravo").description])
        }
    }

    @Test("a commit that empties the folder prunes nothing and is alerted once")
    func emptied() async throws {
        try await withDeployedScenario(files: Self.files) { scenario, engine, _ in
            for path in Self.files.keys where path.hasSuffix(".yaml") { try scenario.remove(path) }
            try await scenario.push("oops: everything removed")
            scenario.sim.resetRequests()
            let report = await engine.sync()

            let blocked = try #require(report.events(.pruneBlocked).first, "\(report.allEvents)")
            #expect(blocked.message.contains("the desired state is empty"))
            #expect(report.target?.pruned == [])
            #expect(scenario.changes() == [])
            #expect(await Self.liveNames(scenario) == Self.names)
            #expect(await scenario.live(Self.namespace) != nil)

            let again = await engine.sync()
            #expect(again.events(.pruneBlocked) == [], "reported once")
            #expect(scenario.changes() == [])
        }
    }

    @Test("more removals than pruneLimit prune nothing until the host allows them, and none is brought back")
    func overLimit() async throws {
        var policy = HostPolicy()
        policy.pruneLimit = 1
        try await withDeployedScenario(policy, files: Self.files) { scenario, engine, _ in
            for name in ["alpha", "bravo", "charlie"] { try scenario.remove("config/\(name).yaml") }
            try await scenario.push("three at once")
            scenario.sim.resetRequests()
            let report = await engine.sync()

            let blocked = try #require(report.events(.pruneBlocked).first, "\(report.allEvents)")
            #expect(blocked.message.contains("policy.pruneLimit"))
            #expect(blocked.fields["objects"] == "3")
            #expect(scenario.changes() == [])
            #expect(await Self.liveNames(scenario) == Self.names)

            try await scenario.cluster.kubectlOK(["delete", "-n", "team-a", "configmap/alpha"])
            let afterManualDelete = await engine.sync()
            #expect(afterManualDelete.events(.driftHealed) == [], "\(afterManualDelete.allEvents)")
            #expect(
                await scenario.live(Self.configMap("alpha")) == nil,
                "an object removed from git is not brought back"
            )
            #expect(afterManualDelete.target?.pruned == [], "two removals are still more than the limit")

            policy.pruneLimit = 10
            try scenario.configure(policy)
            let raised = try await scenario.start().sync()
            #expect(
                Set(raised.target?.pruned ?? []) == [Self.configMap("bravo"), Self.configMap("charlie")],
                "\(raised.allEvents)"
            )
            #expect(await Self.liveNames(scenario) == ["delta", "echo"])
        }
    }

    @Test("while git is unreachable, an object whose prune waits is not brought back either")
    func waitingPruneWithoutGit() async throws {
        var policy = HostPolicy()
        policy.pruneLimit = 1
        try await withDeployedScenario(policy, files: Self.files) { scenario, engine, _ in
            for name in ["alpha", "bravo"] { try scenario.remove("config/\(name).yaml") }
            try await scenario.push("two at once")
            let blocked = await engine.sync()
            try #require(blocked.events(.pruneBlocked).count == 1, "\(blocked.allEvents)")

            let moved = scenario.directory.appendingPathComponent("moved.git")
            try FileManager.default.moveItem(at: scenario.repository.bare, to: moved)
            try await scenario.cluster.kubectlOK(["delete", "-n", "team-a", "configmap/alpha"])
            let report = await engine.sync()
            #expect(report.events(.sourceUnreachable).count == 1)
            #expect(report.events(.driftHealed) == [], "\(report.allEvents)")
            #expect(report.events(.pruneBlocked) == [], "nothing is pruned without git, and nothing alerted again")
            #expect(await scenario.live(Self.configMap("alpha")) == nil)

            try FileManager.default.moveItem(at: moved, to: scenario.repository.bare)
            let back = await engine.sync()
            #expect(back.target?.pruned == [Self.configMap("bravo")], "one left, within the limit: \(back.allEvents)")
        }
    }

    @Test("a Namespace is pruned only when allowPruneKinds allows it")
    func protectedNamespace() async throws {
        try await withDeployedScenario(files: Self.files) { scenario, engine, _ in
            for path in Self.files.keys where path != "README.md" { try scenario.remove(path) }
            try scenario.write(
                "elsewhere.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: moved, namespace: default}\n"
            )
            try await scenario.push("team-a moved away")
            scenario.sim.resetRequests()
            let report = await engine.sync()

            #expect(Set(report.target?.pruned ?? []) == Set(Self.names.map(Self.configMap)), "\(report.allEvents)")
            let blocked = try #require(report.events(.pruneBlocked).first)
            #expect(blocked.message.contains("Namespace team-a"))
            #expect(blocked.message.contains("allowPruneKinds"))
            #expect(await scenario.live(Self.namespace) != nil)

            var policy = HostPolicy()
            policy.allowPruneKinds = ["Namespace"]
            try scenario.configure(policy)
            scenario.sim.resetRequests()
            let allowed = try await scenario.start().sync()
            #expect(allowed.target?.pruned == [Self.namespace], "\(allowed.allEvents)")
            #expect(scenario.changes() == ["DELETE \(Self.namespace.apiPath)"])
        }
    }
}
