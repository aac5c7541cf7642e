import KubeSim
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

@Suite("Scenario: reading the live state of a new commit")
struct LiveListScenarioTests {
    static let files = [
        "namespace.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n",
        "config.yaml":
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: team-a}\ndata: {mode: a}\n",
    ]

    static func service(labels: String = "{}") -> String {
        """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: team-a, labels: \(labels)}
        spec:
          selector: {app: web}
          ports: [{port: 80, targetPort: 8080}]

        """
    }

    static let serviceIdentity = ObjectIdentity(group: "", kind: "Service", namespace: "team-a", name: "web")

    /// The paths of the collections listed by Mooring's label since the request log was reset.
    static func lists(_ sim: KubeSim) -> [String] {
        sim.requests().filter { $0.method == "GET" && $0.query.contains("labelSelector") }.map(\.path).sorted()
    }

    @Test("each kind is listed once: the kinds Mooring manages while the commit renders, a kind it adds afterwards")
    func listsEachKindOnce() async throws {
        try await withDeployedScenario(files: Self.files) { scenario, engine, _ in
            // The Service already exists, labelled as Mooring's (a journal restored from an older backup):
            // the plan must see it although no kind of the inventory is a Service.
            try await scenario.cluster.kubectlOK(
                ["apply", "--server-side", "--field-manager=mooring", "-f", "-"],
                input: Self.service(labels: "{app.kubernetes.io/managed-by: mooring}")
            )
            try scenario.write("service.yaml", Self.service())
            try await scenario.push("add the web service")
            scenario.sim.resetRequests()
            let added = await engine.sync()
            #expect(added.target?.outcome == .applied, "\(added.allEvents)")
            #expect(Self.lists(scenario.sim) == ["/api/v1/configmaps", "/api/v1/namespaces", "/api/v1/services"])
            let entry = try #require(try scenario.journal.history().entries.last)
            #expect(entry.created == [], "the live Service was listed, so it is updated, not created")
            #expect(entry.updated == [Self.serviceIdentity.description])

            try scenario.edit("config.yaml", replacing: "mode: a", with: "mode: b")
            try await scenario.push("switch to mode b")
            scenario.sim.resetRequests()
            let changed = await engine.sync()
            #expect(changed.target?.outcome == .applied, "\(changed.allEvents)")
            #expect(Self.lists(scenario.sim) == ["/api/v1/configmaps", "/api/v1/namespaces", "/api/v1/services"])
        }
    }
}
