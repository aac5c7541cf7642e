import Foundation
import KubeSim
import MooringCore
import Reconciler
import ScenarioSupport
import Sync
import TestSupport
import Testing

@Suite("Scenario: the state directory at rest")
struct StateAtRestScenarioTests {
    typealias Example = ExampleDeployFolder

    static let password = "s3cr3t-only-in-git"
    static let secret = """
        apiVersion: v1
        kind: Secret
        metadata: {name: db, namespace: ml-prod}
        stringData: {password: \(password)}
        """
    static let secretIdentity = ObjectIdentity(group: "", kind: "Secret", namespace: "ml-prod", name: "db")

    /// Every file of the state directory but the mirror (which holds the commits, Secrets in git included, by
    /// design), as bytes.
    private func stateFiles(_ scenario: SyncScenario) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = URL(fileURLWithPath: scenario.stateDirectory)
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard !url.path.contains("/mirror.git"),
                (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
            else { continue }
            files[url.path] = try Data(contentsOf: url)
        }
        return files
    }

    @Test(
        "no Secret value is written to the state directory; after a restart the Secret is still seen unchanged, and once deleted in the cluster it is re-created from its commit"
    )
    func secretValuesNotAtRest() async throws {
        try await withSyncScenario { scenario in
            try scenario.write("cluster/db-secret.yaml", Self.secret)
            try await scenario.push("a Secret")
            let first = try await scenario.start().sync()
            #expect(first.target?.outcome == .applied, "\(first.allEvents)")
            let files = try stateFiles(scenario)
            #expect(files.keys.contains { $0.hasSuffix("/state.json") })
            for (path, bytes) in files {
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(!text.contains(Self.password), "\(path) holds the Secret's value")
                #expect(!text.contains(Data(Self.password.utf8).base64EncodedString()), "\(path) holds it in base64")
            }

            scenario.sim.resetRequests()
            let engine = try scenario.start()
            let again = await engine.sync()
            #expect(again.target?.outcome == .inSync, "\(again.allEvents)")
            #expect(scenario.writeCalls().isEmpty, "the sealed record still matches the Secret in git")

            try await scenario.cluster.kubectlOK(["delete", "secret", "db", "-n", "ml-prod"])
            let healed = await engine.sync()
            #expect(healed.events(.driftHealed).map { $0.fields["object"] } == [Self.secretIdentity.description])
            let live = try #require(await scenario.live(Self.secretIdentity))
            let stored = live["data"]?["password"]?.stringValue ?? live["stringData"]?["password"]?.stringValue
            #expect([Self.password, Data(Self.password.utf8).base64EncodedString()].contains(stored))
        }
    }

    @Test("an unreadable state.json stops the sync with a clear error; nothing is applied and the file is kept")
    func unreadableStateStops() async throws {
        try await withDeployedScenario { scenario, _, _ in
            try scenario.setChurnReplicas(4)
            try await scenario.push("churn-predictor to 4 replicas")
            let statePath = scenario.journal.statePath
            let saved = try Data(contentsOf: URL(fileURLWithPath: statePath))
            // A directory in its place cannot be read, even by root (the tests' user).
            try FileManager.default.moveItem(atPath: statePath, toPath: statePath + ".saved")
            try FileManager.default.createDirectory(atPath: statePath, withIntermediateDirectories: false)
            scenario.sim.resetRequests()
            let report = try await scenario.start().sync()
            let failure = try #require(report.events(.syncFailed).first, "\(report.allEvents)")
            #expect(failure.message.contains("state.json"), "\(failure.message)")
            #expect(report.target?.outcome == .failed)
            #expect(scenario.changes() == [], "nothing applied")
            var isDirectory: ObjCBool = false
            #expect(
                FileManager.default.fileExists(atPath: statePath, isDirectory: &isDirectory) && isDirectory.boolValue
            )

            try FileManager.default.removeItem(atPath: statePath)
            try saved.write(to: URL(fileURLWithPath: statePath))
            let historyPath = scenario.journal.historyPath
            try? FileManager.default.removeItem(atPath: historyPath)
            try FileManager.default.createDirectory(atPath: historyPath, withIntermediateDirectories: false)
            let blocked = try await scenario.start().sync()
            #expect(
                blocked.events(.syncFailed).contains { $0.message.contains("history.jsonl") },
                "\(blocked.allEvents)"
            )
            #expect(scenario.changes() == [], "a sync that could not record what it did does nothing")
        }
    }

    @Test(
        "under source.verify, what is re-applied from the last applied state is read from the verified commit, never from state.json"
    )
    func verifiedJournal() async throws {
        try await withSyncScenario { scenario in
            let key = try await scenario.sshKey("ada")
            let engine = try await scenario.requireSignatures(
                "head",
                allowedSigners: [try key.allowedSignersLine(principal: "ada@example.com")]
            )
            try scenario.write(
                "cluster/handover.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: handover, namespace: ml-prod}\ndata: {k: v}\n"
            )
            try await scenario.pushSigned("signed", with: key)
            let first = await engine.sync()
            #expect(first.target?.outcome == .applied, "\(first.allEvents)")

            // Someone who can write the state directory (and read its key) changes what the journal says was applied.
            var state = try #require(try? scenario.journal.load().state)
            let index = try #require(state["default"].inventory.firstIndex { $0.identity.name == "handover" })
            state["default"].inventory[index].applied.set("injected", at: "data.k")
            try scenario.journal.save(state)
            try await scenario.cluster.kubectlOK(["delete", "configmap", "handover", "-n", "ml-prod"])

            let healed = try await scenario.start().sync()
            let identity = ObjectIdentity(group: "", kind: "ConfigMap", namespace: "ml-prod", name: "handover")
            #expect(
                healed.events(.driftHealed).map { $0.fields["object"] } == [identity.description],
                "\(healed.allEvents)"
            )
            #expect(await scenario.live(identity)?["data"]?["k"] == "v", "the commit's content, not the journal's")
        }
    }
}
