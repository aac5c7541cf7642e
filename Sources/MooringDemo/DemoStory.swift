import Cluster
import Foundation
import KubeSim
import Logging
import Sync

/// The story `mooring demo` tells, step by step, on a KubeSim in this process and a git repository in the
/// workspace: each step announced, then shown with what Mooring prints for it — the code of `validate`, `sync`,
/// `diff`, `status` and `history`, not subprocesses of `mooring`; only the live guardrails run the daemon itself,
/// `mooring run`, as a child process (``DemoGuardrailStep``).
struct DemoStory: Sendable {
    let workspace: DemoWorkspace
    let tools: DemoTools
    let console: DemoConsole
    let commands: DemoCommands

    /// The folder inside the repository that Mooring watches.
    static let folder = "deploy-manifests"
    static let ada = DemoGit.Person(name: "Ada Lovelace", email: "ada@example.com")
    static let grace = DemoGit.Person(name: "Grace Hopper", email: "grace@example.com")
    static let alan = DemoGit.Person(name: "Alan Turing", email: "alan@example.com")

    /// Starts the simulator, tells the story, and stops the simulator whatever happens.
    func tell() async throws {
        let sim = try await KubeSim.start(KubeSimOptions(directory: workspace.path("kubesim")))
        do {
            try await tell(on: sim)
            await sim.stop()
        } catch {
            await sim.stop()
            throw error
        }
    }

    private func tell(on sim: KubeSim) async throws {
        let git = DemoGit(executable: tools.git, repository: workspace.path("repo"))
        let cluster = KubectlRunner(
            options: KubectlOptions(
                executable: tools.kubectl,
                kubeconfig: sim.kubeconfigPath,
                cacheDirectory: sim.cacheDirectory,
                timeout: .seconds(60)
            )
        )
        let scene = DemoScene(
            console: console,
            git: git,
            cluster: cluster,
            repository: workspace.path("repo"),
            summary: commands.summary
        )

        try await console.step(1, "A simulated Kubernetes cluster and a git repository holding the deploy folder")
        console.say("Everything lives in \(workspace.path) and is removed at the end.")
        console.say(
            "KubeSim, a simulated Kubernetes v1.32 API server, listens on 127.0.0.1:\(sim.port) in this process."
        )
        try await scene.createRepository(folder: Self.folder, as: Self.ada)
        try writeConfiguration(sim: sim)
        console.command("cat mooring.yaml")
        console.say(try String(contentsOfFile: workspace.path("mooring.yaml"), encoding: .utf8))
        let engine = try SyncEngine(
            configuration: try MooringConfiguration.load(from: workspace.path("mooring.yaml")),
            logger: Logger(label: "mooring", factory: { _ in SwiftLogNoOpLogHandler() })
        )

        try await console.step(2, "Validate the folder offline, as a pull request's CI would")
        console.command("mooring validate repo/\(Self.folder) --config mooring.yaml")
        try await commands.validate(["repo/\(Self.folder)", "--config", "mooring.yaml"])
        console.flush()

        try await console.step(3, "First sync: everything is created, the models roll out")
        let first = try await scene.sync(engine, expecting: .applied)
        for object in first.applied { console.say("  created \(object)") }
        try await scene.kubectl(["get", "deployments", "-n", "ml-prod", "-L", "mooring.dev/version"])
        try await scene.showInferenceServices()

        try await console.step(4, "A pull request promotes fraud-detector 13 from a 10% canary to stable; preview it")
        let branch = "promote-fraud-detector-13"
        try await scene.git(["checkout", "-q", "-b", branch], as: Self.grace)
        let fraud = "\(Self.folder)/models/fraud-detector/deployment.yaml"
        try scene.edit(fraud, replacing: #"stable: "12""#, with: #"stable: "13""#)
        try scene.edit(fraud, replacing: "  canary:\n    version: \"13\"\n    traffic: 10\n", with: "")
        try await scene.git(["commit", "-q", "-am", "fraud-detector: promote 13 to stable"], as: Self.grace)
        console.command("mooring diff --config mooring.yaml --ref \(branch) --format markdown")
        let previews = try await engine.preview(.ref(branch))
        console.say(previews.map { $0.markdown() }.joined(separator: "\n\n"))

        try await console.step(5, "The pull request is merged; the next sync rolls it out")
        try await scene.git(["checkout", "-q", "main"], as: Self.ada)
        try await scene.git(
            ["merge", "-q", "--no-ff", "-m", "Merge pull request #1: promote fraud-detector 13", branch],
            as: Self.ada
        )
        let merge = try await git.run(["rev-parse", "--short", "HEAD"], as: Self.ada)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try await scene.sync(engine, expecting: .applied)

        try await console.step(
            6,
            "Someone scales a model by hand: drift, named by field and field manager, then healed"
        )
        try await scene.kubectl(["scale", "-n", "ml-prod", "deployment/churn-predictor", "--replicas=9"])
        try await scene.sync(engine, expecting: .applied)
        try await scene.kubectl(
            ["get", "deployment/churn-predictor", "-n", "ml-prod", "-o", "jsonpath={.spec.replicas}{\"\\n\"}"]
        )

        try await console.step(7, "fraud-detector 13 misbehaves: roll back by reverting the pull request")
        try await scene.git(["revert", "--no-edit", "-m", "1", merge], as: Self.grace)
        try await scene.sync(engine, expecting: .applied)

        try await console.step(8, "A version that fails its metric gate is refused; the old version keeps serving")
        try scene.addFailingChurnVersion(folder: Self.folder)
        try await scene.git(["add", "-A"], as: Self.alan)
        try await scene.git(["commit", "-q", "-m", "churn-predictor: version 8"], as: Self.alan)
        try await scene.sync(engine, expecting: .refused)
        try await scene.kubectl(["get", "deployment/churn-predictor", "-n", "ml-prod", "-L", "mooring.dev/version"])

        try await DemoGuardrailStep(scene: scene, workspace: workspace, tools: tools, commands: commands).tell(9)

        try await console.step(10, "The audit trail: which commit and model versions went live, when, by whom")
        console.command("mooring history --config mooring.yaml")
        try await commands.history(["--config", "mooring.yaml"])
        console.flush()
    }

    /// The host configuration, with paths relative to the workspace (where it lives).
    private func writeConfiguration(sim: KubeSim) throws {
        let kubeconfig = String(sim.kubeconfigPath.dropFirst(workspace.path.count + 1))
        try """
        source: {url: repo, branch: main, path: \(Self.folder), pollInterval: 15s}
        cluster: {kubeconfig: \(kubeconfig), kubectl: \(tools.kubectl)}
        policy: {drift: heal, pruneLimit: 5, allowedNamespaces: [ml-prod]}
        health: {timeout: 60s}
        stateDir: state

        """.write(toFile: workspace.path("mooring.yaml"), atomically: true, encoding: .utf8)
    }
}
