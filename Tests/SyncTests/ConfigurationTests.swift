import Foundation
import GitSource
import Manifests
import MooringCore
import Reconciler
import Sync
import TestSupport
import Testing

@Suite("Host configuration")
struct ConfigurationTests {
    private func write(_ text: String, in directory: URL, name: String = "mooring.yaml") throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("the documented example loads with every section")
    func fullExample() async throws {
        try await withTemporaryDirectory { directory in
            for file in ["deploy_key", "known_hosts", "kubeconfig", "allowed_signers", "webhook-secret"] {
                _ = try write("x", in: directory, name: file)
            }
            let path = try write(
                """
                source:
                  url: ssh://git@git.example.com/ml/deployments.git
                  branch: main
                  path: deploy-manifests
                  pollInterval: 15s
                  timeout: 1m30s
                  sshKeyFile: deploy_key
                  knownHostsFile: known_hosts
                  verify: {mode: head, allowedSignersFile: allowed_signers}
                cluster:
                  kubeconfig: kubeconfig
                  context: prod
                  kubectl: /usr/bin/kubectl
                  timeout: 120s
                policy:
                  drift: alert
                  pruneLimit: 3
                  allowedNamespaces: [ml-prod, ml-staging]
                  allowedClusterKinds: [Namespace]
                  gateFloors: {auc: {min: 0.8}}
                health: {timeout: 5m}
                server: {listen: "127.0.0.1:9420", webhookSecretFile: webhook-secret}
                leaderElection: {enabled: true}
                stateDir: state
                """,
                in: directory
            )
            let configuration = try MooringConfiguration.load(from: path)
            #expect(configuration.source.timeout == .seconds(90))
            #expect(configuration.source.verifyMode == .head)
            #expect(configuration.source.sshKeyFile == directory.path + "/deploy_key")
            #expect(configuration.targets.count == 1)
            #expect(configuration.targets[0].name == "default")
            #expect(configuration.targets[0].path == "deploy-manifests")
            #expect(configuration.targets[0].policy.drift == .alert)
            #expect(configuration.targets[0].policy.pruneLimit == 3)
            #expect(configuration.targets[0].policy.gateFloors["auc"] == GateFloor(min: 0.8))
            #expect(configuration.targets[0].cluster.context == "prod")
            #expect(configuration.health.timeout == .seconds(300))
            #expect(configuration.server.port == 9420)
            #expect(configuration.leaderElection.enabled)
            #expect(configuration.stateDirectory == directory.path + "/state")
        }
    }

    @Test("unknown keys, wrong types and unreadable files are all reported with key and line")
    func problemsNamed() async throws {
        try await withTemporaryDirectory { directory in
            let path = try write(
                """
                source:
                  url: file:///srv/repo
                  pollIntervall: 15s
                  timeout: soon
                cluster:
                  kubeconfig: /nonexistent/kubeconfig
                policy:
                  pruneLimit: lots
                """,
                in: directory
            )
            do throws(ConfigurationError) {
                _ = try MooringConfiguration.load(from: path)
                Issue.record("expected problems")
            } catch {
                #expect(error.file == path)
                let byKey = Dictionary(grouping: error.problems, by: \.key)
                #expect(byKey["source.pollIntervall"]?.first?.line == 3)
                #expect(byKey["source.timeout"]?.first?.line == 4)
                #expect(byKey["cluster.kubeconfig"]?.first?.message.contains("/nonexistent/kubeconfig") == true)
                #expect(byKey["policy.pruneLimit"]?.first?.line == 8)
                #expect(error.description.contains("\(path):3: source.pollIntervall: unknown key"))
            }
        }
    }

    @Test("the source section loads even when other sections would fail")
    func sourceOnly() async throws {
        try await withTemporaryDirectory { directory in
            let path = try write(
                """
                source: {url: repo, branch: release}
                cluster: {kubeconfig: /nonexistent}
                stateDir: /tmp/mooring-state
                """,
                in: directory
            )
            let file = try ConfigurationFile.load(path)
            let source = try file.source()
            #expect(source.url == directory.path + "/repo")
            #expect(source.branch == "release")
            #expect(try file.stateDirectory() == "/tmp/mooring-state")
            #expect(throws: ConfigurationError.self) { try file.targets() }
        }
    }

    @Test("an unknown top-level key is refused whatever the command")
    func unknownTopLevel() async throws {
        try await withTemporaryDirectory { directory in
            let path = try write("source: {url: repo}\nsauce: {}\n", in: directory)
            #expect(throws: ConfigurationError.self) { try ConfigurationFile.load(path) }
        }
    }

    @Test("several clusters from one repository, each with its own policy")
    func targets() async throws {
        try await withTemporaryDirectory { directory in
            let path = try write(
                """
                source: {url: repo}
                targets:
                  - name: prod-eu
                    path: deploy-manifests/prod-eu
                    cluster: {context: prod-eu}
                    policy: {drift: alert, allowedNamespaces: [ml-prod]}
                  - name: staging
                    path: deploy-manifests/staging
                    cluster: {context: staging}
                """,
                in: directory
            )
            let targets = try ConfigurationFile.load(path).targets()
            #expect(targets.map(\.name) == ["prod-eu", "staging"])
            #expect(targets[0].policy.drift == .alert)
            #expect(targets[1].policy.drift == .heal)
            #expect(targets[1].path == "deploy-manifests/staging")
        }
    }

    @Test("targets cannot be combined with a top-level cluster")
    func targetsAndCluster() async throws {
        try await withTemporaryDirectory { directory in
            let path = try write(
                "source: {url: repo}\ncluster: {}\ntargets: [{name: a, path: a}]\n",
                in: directory
            )
            #expect(throws: ConfigurationError.self) { try ConfigurationFile.load(path).targets() }
        }
    }

    @Test("a missing or malformed file is an error naming it")
    func unreadable() throws {
        #expect(throws: ConfigurationError.self) { try ConfigurationFile.load("/nonexistent/mooring.yaml") }
    }
}

extension ConfigurationTests {
    @Test("source limits accept sizes with binary suffixes and reach both git and the manifest reader")
    func sourceLimits() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("mooring.yaml").path
            try "source: {url: repo, limits: {maxFileSize: 512Ki, maxTotalSize: 2Mi, maxFiles: 50}}\n"
                .write(toFile: path, atomically: true, encoding: .utf8)
            let configuration = try MooringConfiguration.load(from: path)
            #expect(
                configuration.source.limits
                    == SourceLimits(maxFileBytes: 512 << 10, maxTotalBytes: 2 << 20, maxFiles: 50)
            )
            #expect(configuration.gitSourceOptions.limits.maxSnapshotBytes == 2 << 20)
            let policy = configuration.validationPolicy(for: configuration.targets[0])
            #expect(policy.limits.maxFileBytes == 512 << 10)
            #expect(policy.limits.maxFiles == 50)
            try "source: {url: repo, limits: {maxFileSize: lots}}\n".write(
                toFile: path,
                atomically: true,
                encoding: .utf8
            )
            #expect(throws: ConfigurationError.self) { try MooringConfiguration.load(from: path) }
        }
    }
}
