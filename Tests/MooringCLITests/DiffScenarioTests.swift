import Foundation
import KubeSim
import MooringCore
import ScenarioSupport
import TestSupport
import Testing

@Suite("Scenario: previewing a pull request with mooring diff")
struct DiffScenarioTests {
    /// Commits the working clone's changes to branch `pr` on the remote only; the tracked branch stays.
    private func pushPullRequest(_ scenario: SyncScenario, _ message: String) async throws {
        try await scenario.git { repository in
            try repository.commit(message)
            try repository.git("push", "--quiet", "origin", "HEAD:refs/heads/pr")
            try repository.git("reset", "--quiet", "--hard", "HEAD~1")
        }
    }

    @Test("a branch is previewed field by field in text, markdown and JSON; nothing is written; exit 1")
    func pullRequest() async throws {
        try await withDeployedScenario { scenario, _, _ in
            try scenario.setChurnReplicas(4)
            try await pushPullRequest(scenario, "churn-predictor on 4 replicas")
            scenario.sim.resetRequests()

            let text = try await scenario.mooring("diff", "--ref", "pr")
            #expect(text.status == 1, "\(text.stdout)\(text.stderr)")
            #expect(text.stdout.contains("~ Deployment.apps ml-prod/churn-predictor"), "\(text.stdout)")
            #expect(text.stdout.contains("spec.replicas: 3 → 4"), "\(text.stdout)")
            #expect(!text.stdout.contains("source-commit"), "the commit stamp is bookkeeping, not a change")

            let markdown = try await scenario.mooring("diff", "--ref", "pr", "--format", "markdown")
            #expect(markdown.stdout.contains("**1 to update**"), "\(markdown.stdout)")
            #expect(markdown.stdout.contains("- spec.replicas: 3\n+ spec.replicas: 4"), "\(markdown.stdout)")

            let json = try await scenario.mooring("diff", "--ref", "pr", "--format", "json")
            let preview = try JSONValue.parse(json.stdout)
            #expect(preview["changes"] == true)
            #expect(preview[path: FieldPath([.key("objects"), .index(0), .key("action")])] == "update")
            #expect(
                preview[path: FieldPath([.key("objects"), .index(0), .key("fields"), .index(0)])] == [
                    "path": "spec.replicas", "before": 3, "after": 4,
                ]
            )
            let writes = scenario.sim.requests().filter { $0.isWrite }
            #expect(writes.isEmpty, "a preview only asks for dry-runs")

            let tip = try await scenario.mooring("diff")
            #expect(tip.status == 0, "\(tip.stdout)\(tip.stderr)")
            #expect(tip.stdout.contains("no changes: the cluster matches"))
        }
    }

    @Test("a local folder with a broken file is reported, not previewed: exit 2, naming file and line")
    func invalidFolder() async throws {
        try await withDeployedScenario { scenario, _, _ in
            try scenario.write("cluster/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [unclosed\n")
            let folder = scenario.repository.work.appendingPathComponent(SyncScenario.folder).path
            let result = try await scenario.mooring("diff", "--path", folder)
            #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("cluster/broken.yaml:"), "\(result.stdout)")
            #expect(result.stdout.contains("invalid: nothing would be applied"))
        }
    }
}
