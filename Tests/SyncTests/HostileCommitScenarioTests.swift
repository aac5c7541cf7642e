import Foundation
import KubeSim
import Manifests
import MooringCore
import ScenarioSupport
import Sync
import TestSupport
import Testing

/// A hostile committer tries to walk around the host's guardrails. Each commit must be refused within a
/// second by `mooring validate`, `mooring diff --ref` and `mooring sync`, naming the file and line, with the
/// cluster untouched.
@Suite("Scenario: commits that try to walk around the host's guardrails")
struct HostileCommitScenarioTests {
    static let policy: HostPolicy = {
        var policy = HostPolicy()
        policy.allowedNamespaces = ["ml-prod"]
        policy.allowedClusterKinds = ["Namespace"]
        return policy
    }()

    static let files = [
        "namespace.yaml": "apiVersion: v1\nkind: Namespace\nmetadata: {name: ml-prod}\n",
        "config.yaml":
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: ml-prod}\ndata: {a: \"1\"}\n",
    ]

    /// A ClusterRoleBinding granting cluster-admin, as YAML lines indented by `indent`.
    static func binding(indent: String) -> String {
        [
            "- apiVersion: rbac.authorization.k8s.io/v1", "  kind: ClusterRoleBinding", "  metadata: {name: pwned}",
            "  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}",
            "  subjects: [{kind: ServiceAccount, name: default, namespace: ml-prod}]",
        ].map { indent + $0 }.joined(separator: "\n") + "\n"
    }

    /// An alias tree whose last anchor expands to 2^40 nodes, then used as a flow key with no space.
    static let aliasKeyBomb: String = {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb, namespace: ml-prod}\na0: &a0 [x, x]\n"
        for level in 1...40 { text += "a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]\n" }
        return text + "data: {*a40:v}\n"
    }()

    /// The hostile files, the line the refusal must name, and what must appear in it.
    static let cases: [(name: String, file: String, text: String, line: Int, rule: String)] = [
        (
            "items-in-service", "cluster/svc.yaml",
            "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: ml-prod}\nspec: {ports: [{port: 80}]}\nitems:\n"
                + binding(indent: "  "), 6, "items-outside-list"
        ),
        (
            "items-in-configmap", "cluster/cm.json",
            #"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "ml-prod"},"#
                + "\n"
                + #" "items": [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "kube-public"}}]}"#,
            2, "items-outside-list"
        ),
        ("alias-key-bomb", "cluster/bomb.yaml", aliasKeyBomb, 45, "yaml-unsupported"),
        (
            "kind-as-flag", "cluster/flag.yaml",
            "apiVersion: v1\nkind: \"--kubeconfig=/dev/null\"\nmetadata: {name: x, namespace: ml-prod}\n", 2,
            "invalid-kind"
        ),
    ]

    @Test(
        "refused by validate, diff --ref and sync within a second, naming file and line; nothing reaches the cluster",
        arguments: cases.indices
    )
    func refused(index: Int) async throws {
        let hostile = Self.cases[index]
        try await withDeployedScenario(Self.policy, files: Self.files) { scenario, engine, _ in
            try scenario.write(hostile.file, hostile.text)
            let place = "\(hostile.file):\(hostile.line)"

            let validate = try await scenario.mooring(
                "validate",
                scenario.repository.work.appendingPathComponent(SyncScenario.folder).path
            )
            #expect(validate.status == 1, "\(hostile.name): \(validate.stdout)")
            #expect(validate.stdout.contains(hostile.rule), "\(hostile.name): \(validate.stdout)")

            try await scenario.git { repository in
                try repository.commit("hostile: \(hostile.name)")
                try repository.git("push", "--quiet", "origin", "HEAD:refs/heads/pr")
            }
            scenario.sim.resetRequests()
            let start = ContinuousClock.now
            let diff = try await scenario.mooring("diff", "--ref", "pr")
            #expect(diff.status == 2, "\(hostile.name): \(diff.stdout)\(diff.stderr)")
            #expect((diff.stdout + diff.stderr).contains(hostile.file), "\(hostile.name): \(diff.stdout)")
            #expect(scenario.changes() == [])

            try await scenario.git { try $0.push() }
            let report = await engine.sync()
            #expect(ContinuousClock.now - start < .seconds(20))
            #expect(report.target?.outcome == .refused, "\(hostile.name): \(report.allEvents)")
            let refusal = try #require(report.events(.validationFailed).first, "\(hostile.name)")
            #expect(refusal.message.contains(place), "\(hostile.name): \(refusal.message)")
            #expect(scenario.changes() == [], "\(hostile.name): a refused commit writes nothing")
            let binding = ObjectIdentity(
                group: "rbac.authorization.k8s.io",
                kind: "ClusterRoleBinding",
                namespace: nil,
                name: "pwned"
            )
            #expect(await scenario.live(binding) == nil)
        }
    }

    @Test("an alias key bomb is refused in under a second")
    func bombIsQuick() async throws {
        let start = ContinuousClock.now
        let file = SourceFile(path: "bomb.yaml", bytes: Array(Self.aliasKeyBomb.utf8))
        #expect(DesiredStateBuilder().validate(files: [file]).desiredState == nil)
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test(
        "a List's items are applied one by one, each policy-checked: what KubeSim received is what the inventory holds"
    )
    func listItemsApplied() async throws {
        var files = Self.files
        files["lists.yaml"] = """
            apiVersion: v1
            kind: List
            items:
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: from-list, namespace: ml-prod}}
            ---
            apiVersion: v1
            kind: ConfigMapList
            items:
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: from-typed-list, namespace: ml-prod}}

            """
        try await withSyncScenario(Self.policy, files: files) { scenario in
            scenario.sim.resetRequests()
            let engine = try scenario.start()
            let report = await engine.sync()
            #expect(report.target?.outcome == .applied, "\(report.allEvents)")
            let inventory = Set(try scenario.journalState().inventory.map(\.identity.description))
            #expect(
                inventory == [
                    "Namespace ml-prod", "ConfigMap ml-prod/settings", "ConfigMap ml-prod/from-list",
                    "ConfigMap ml-prod/from-typed-list",
                ]
            )
            // Every object the cluster stored is one the inventory (and so the policy) saw, and nothing else.
            let stored = Set(
                scenario.changes().filter { $0.hasPrefix("PATCH") }.map { String($0.split(separator: "/").last ?? "") }
            )
            #expect(stored == ["ml-prod", "settings", "from-list", "from-typed-list"], "\(scenario.changes())")
        }
    }

    @Test("a kind the cluster serves as cluster-scoped is refused with a namespace, and outside allowedClusterKinds")
    func clusterScopedCustomKind() async throws {
        try await withDeployedScenario(Self.policy, files: Self.files) { scenario, engine, _ in
            _ = try await scenario.cluster.kubectlOK(["apply", "--server-side", "-f", "-"], input: Self.widgetCRD)
            try scenario.write(
                "widget.yaml",
                "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: ml-prod\n"
            )
            try await scenario.push("a widget in ml-prod")
            scenario.sim.resetRequests()
            let report = await engine.sync()
            #expect(report.target?.outcome == .refused, "\(report.allEvents)")
            let refusal = try #require(report.events(.validationFailed).first)
            #expect(refusal.message.contains("widget.yaml:5"), "\(refusal.message)")
            #expect(refusal.message.contains("Widget.example.com is cluster-scoped"), "\(refusal.message)")
            #expect(refusal.message.contains("widget.yaml:2"), "not an allowed cluster kind: \(refusal.message)")
            #expect(scenario.changes() == [])
        }
    }

    @Test("commit subjects, author names and file names reach the terminal with control characters escaped")
    func terminalSafety() async throws {
        try await withDeployedScenario(Self.policy, files: Self.files) { scenario, _, _ in
            try scenario.write(
                "evil\u{1B}[2J.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \"-x\", namespace: ml-prod}\n"
            )
            try await scenario.git { repository in
                try repository.commit(
                    "subject \u{1B}]0;owned\u{07}",
                    extraArguments: ["--author", "Mallory\u{1B}[31m <m@example.com>"]
                )
                try repository.push()
            }
            let sync = try await scenario.mooring("sync")
            let source = try await scenario.mooring("source")
            #expect(sync.status == 1)
            for output in [sync.stdout, sync.stderr, source.stdout, source.stderr] {
                #expect(!output.contains("\u{1B}"), "\(output)")
            }
            #expect(sync.stderr.contains(#"evil\u{1B}[2J.yaml:3"#), "\(sync.stderr)")
            #expect(source.stdout.contains(#"Mallory\u{1B}[31m"#), "\(source.stdout)")
            #expect(source.stdout.contains(#"subject \u{1B}]0;owned\u{7}"#), "\(source.stdout)")
        }
    }

    static let widgetCRD = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          scope: Cluster
          names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
          versions:
            - name: v1
              served: true
              storage: true
              schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}

        """
}
