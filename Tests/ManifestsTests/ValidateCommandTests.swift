import Foundation
import TestSupport
import Testing

/// `mooring validate` as CI runs it: the real binary, its exit status and its output.
@Suite("mooring validate")
struct ValidateCommandTests {
    /// The `mooring` executable built with the tests.
    static let binary = MooringBinary.path

    private func validate(_ arguments: [String], in directory: URL? = nil) throws -> CommandResult {
        try run([Self.binary, "validate"] + arguments, in: directory, environment: ["NO_COLOR": "1"], check: false)
    }

    @Test("the example folder is valid: exit 0 and a summary of the models")
    func validExample() throws {
        let result = try validate([ExampleFolder.url.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("valid: 8 objects in 8 files, rendered to 5 Kubernetes objects"))
        #expect(result.stdout.contains("ml-prod/fraud-detector (kserve): stable 12, canary 13 at 10%"))
    }

    @Test("an invalid folder exits 1; text groups by file, github annotates relative to the repository root")
    func invalidFolder() throws {
        let repository = try TemporaryDirectory()
        defer { repository.remove() }
        try run(["git", "init", "-q", repository.url.path])
        let deploy = repository.url.appendingPathComponent("deploy")
        try FileManager.default.createDirectory(
            at: deploy.appendingPathComponent("cluster"),
            withIntermediateDirectories: true
        )
        try "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n  namespace: ml-prod\n"
            .write(to: deploy.appendingPathComponent("cluster/cm.yaml"), atomically: true, encoding: .utf8)

        let text = try validate(["deploy"], in: repository.url)
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("deploy/cluster/cm.yaml\n  4 "))
        #expect(text.stdout.contains("1 error in 1 file; 0 objects valid"))

        let github = try validate(["../../deploy", "--format", "github"], in: deploy.appendingPathComponent("cluster"))
        #expect(github.status == 1)
        #expect(github.stdout.contains("::error file=deploy/cluster/cm.yaml,line=4,title=mooring%3A invalid-name::"))

        let json = try validate(["deploy", "--format", "json"], in: repository.url)
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"rule\": \"invalid-name\""))
        #expect(json.stdout.contains("\"field\": \"metadata.name\""))
    }

    @Test("usage errors and a missing folder exit 2")
    func usageErrors() throws {
        #expect(try validate(["--format", "yaml"]).status == 2)
        #expect(try validate(["/nonexistent/deploy"]).status == 2)
    }

    @Test("with --config the host policy applies: namespaces, cluster kinds and gate floors")
    func hostPolicy() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let config = folder.path("mooring.yaml")
        try """
        source: {url: "file:///srv/deployments.git"}
        policy:
          allowedNamespaces: [ml-staging]
          allowedClusterKinds: [Namespace]
          gateFloors: {auc: {min: 0.935}}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try validate([ExampleFolder.url.path, "--config", config, "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"rule\": \"namespace-not-allowed\""))
        #expect(
            result.stdout.contains("fraud-detector version 12 fails the host's gate floor auc ≥ 0.935 (record: 0.931")
        )

        try "source: {url: \"file:///srv/deployments.git\"}\npolicy: {allowedNamespaces: [ml-prod]}\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        #expect(try validate([ExampleFolder.url.path, "--config", config]).status == 0)
    }

    @Test("with several targets, the one whose folder is PATH (or --target) gives the policy")
    func targetSelection() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let config = folder.path("mooring.yaml")
        try """
        source: {url: "file:///srv/deployments.git"}
        targets:
          - {name: prod, path: deploy-manifests, cluster: {}, policy: {allowedNamespaces: [ml-prod]}}
          - {name: staging, path: staging, cluster: {}, policy: {allowedNamespaces: [ml-staging]}}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        #expect(try validate([ExampleFolder.url.path, "--config", config]).status == 0)
        #expect(try validate([ExampleFolder.url.path, "--config", config, "--target", "staging"]).status == 1)
        #expect(try validate([ExampleFolder.url.path, "--config", config, "--target", "qa"]).status == 2)
        let unmatched = try validate([folder.url.path, "--config", config])
        #expect(unmatched.status == 2)
        #expect(unmatched.stderr.contains("--target"))
    }

    @Test("a configuration with an unknown key is a configuration error: exit 2")
    func badConfiguration() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let config = folder.path("mooring.yaml")
        try "source: {url: \"file:///srv/x.git\"}\npolicy: {allowedNamespace: [ml-prod]}\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let result = try validate([ExampleFolder.url.path, "--config", config])
        #expect(result.status == 2)
        #expect(result.stderr.contains("allowedNamespace"))
    }
}
