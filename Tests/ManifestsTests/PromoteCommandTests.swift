import Foundation
import TestSupport
import Testing

/// `mooring promote` as a person runs it in a checkout: the real binary, git to see what changed.
@Suite("mooring promote")
struct PromoteCommandTests {
    /// A git checkout holding a copy of the example deploy folder, committed.
    private func checkout() throws -> TemporaryDirectory {
        let repository = try TemporaryDirectory()
        try run(["git", "init", "-q", repository.url.path])
        try run(["cp", "-R", ExampleFolder.url.path, repository.url.appendingPathComponent("deploy-manifests").path])
        try run(["git", "-C", repository.url.path, "add", "."])
        try run(
            [
                "git", "-C", repository.url.path, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit",
                "-qm", "x",
            ]
        )
        return repository
    }

    private func promote(_ arguments: [String], in repository: TemporaryDirectory) throws -> CommandResult {
        try run(
            [ValidateCommandTests.binary, "promote"] + arguments + ["--repo", repository.url.path],
            environment: ["NO_COLOR": "1"],
            check: false
        )
    }

    @Test("the canary becomes stable: two lines change in git, the folder validates, the markdown shows it")
    func promotesCanary() throws {
        let repository = try checkout()
        defer { repository.remove() }
        let result = try promote(["fraud-detector"], in: repository)
        #expect(result.status == 0, "\(result.stderr)")
        let diff = try run(["git", "-C", repository.url.path, "diff", "--unified=0"]).stdout
        let changed = diff.split(separator: "\n").filter {
            ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++") && !$0.hasPrefix("---")
        }
        #expect(
            changed.sorted()
                == [#"+  stable: "13""#, "-    traffic: 10", #"-    version: "13""#, "-  canary:", #"-  stable: "12""#]
        )
        let validate = try run(
            [ValidateCommandTests.binary, "validate", "deploy-manifests"],
            in: repository.url,
            check: false
        )
        #expect(validate.status == 0, "\(validate.stdout)")
        #expect(validate.stdout.contains("ml-prod/fraud-detector (kserve): stable 13, drift alert\n"))
        #expect(result.stdout.contains("### Promote ml-prod/fraud-detector: version 13 becomes stable"))
        #expect(result.stdout.contains("```diff\n@@ line"))
    }

    @Test("a model without a canary, an unknown model and an invalid folder exit 1 and write nothing")
    func refusals() throws {
        let repository = try checkout()
        defer { repository.remove() }
        let noCanary = try promote(["churn-predictor"], in: repository)
        #expect(noCanary.status == 1)
        #expect(noCanary.stderr.contains("ml-prod/churn-predictor has no canary: nothing to promote"))
        let unknown = try promote(["nope"], in: repository)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no model named nope"))
        let broken = repository.url.appendingPathComponent("deploy-manifests/cluster/broken.yaml")
        try "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name, namespace: ml-prod}\n"
            .write(to: broken, atomically: true, encoding: .utf8)
        let invalid = try promote(["fraud-detector"], in: repository)
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("is not valid now"))
        let status = try run(["git", "-C", repository.url.path, "status", "--porcelain"]).stdout
        #expect(status == "?? deploy-manifests/cluster/broken.yaml\n")
    }
}
