import Cluster
import Foundation
import Sync

/// What the people of the demo do — git, kubectl, `mooring sync` — each shown as the command they would type,
/// followed by its output.
struct DemoScene: Sendable {
    let console: DemoConsole
    let git: DemoGit
    let cluster: KubectlRunner
    /// The working copy of the demo's repository.
    let repository: String
    /// The line `mooring sync` prints for a target.
    let summary: @Sendable (TargetReport) -> String

    /// A new repository on `main` holding the embedded example folder under `folder`, in one commit.
    func createRepository(folder: String, as person: DemoGit.Person) async throws {
        for file in ExampleDeployFiles.files {
            let url = URL(fileURLWithPath: "\(repository)/\(folder)/\(file.path)")
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        try await self.git(["init", "-q", "-b", "main"], as: person)
        try await self.git(["add", "-A"], as: person)
        try await self.git(["commit", "-q", "-m", "Deploy fraud-detector and churn-predictor"], as: person)
        try await self.git(["log", "--stat", "--format=%h %an: %s"], as: person)
    }

    /// Shows and runs a git command in the repository.
    @discardableResult
    func git(_ arguments: [String], as person: DemoGit.Person) async throws -> String {
        console.command((["git"] + arguments.map(Self.quoted)).joined(separator: " "))
        let output = try await git.run(arguments, as: person)
        if !output.isEmpty { console.say(output) }
        return output
    }

    /// Shows and runs a kubectl command against the simulated cluster; throws when it fails.
    func kubectl(_ arguments: [String]) async throws {
        console.command((["kubectl"] + arguments.map(Self.quoted)).joined(separator: " "))
        let output = try await cluster.run(KubectlCommand(arguments))
        guard output.succeeded else {
            throw DemoError(
                code: .stepFailed,
                message: "kubectl \(arguments.joined(separator: " ")) failed: \(output.standardError)"
            )
        }
        console.say(String(decoding: output.standardOutput, as: UTF8.self))
    }

    /// Shows `mooring sync`, runs one sync with `engine`, prints its events and summary as the command does, and
    /// returns the target's report; throws unless the sync ended as the story expects.
    @discardableResult
    func sync(_ engine: SyncEngine, expecting expected: TargetReport.Outcome) async throws -> TargetReport {
        console.command("mooring sync --config mooring.yaml")
        let report = await engine.sync(ignoringBackoff: true)
        try Task.checkCancellation()
        for event in report.allEvents { console.event(event) }
        for target in report.targets { console.say(summary(target)) }
        guard let target = report.targets.first, target.outcome == expected else {
            throw DemoError(
                code: .stepFailed,
                message: "the demo expected this sync to end \(expected.rawValue); it ended "
                    + (report.targets.first?.outcome.rawValue ?? "without a target")
            )
        }
        return target
    }

    /// Shows the InferenceServices: each one's stable and canary version, the canary's traffic, and readiness.
    func showInferenceServices() async throws {
        try await kubectl([
            "get", "inferenceservices", "-n", "ml-prod", "-o",
            #"custom-columns=NAME:.metadata.name,STABLE:.metadata.annotations.mooring\.dev/stable-version,"#
                + #"CANARY:.metadata.annotations.mooring\.dev/canary-version,"#
                + #"TRAFFIC:.spec.predictor.canaryTrafficPercent,READY:.status.conditions[?(@.type=="Ready")].status"#,
        ])
    }

    /// Adds `text` at the end of a file of the working copy, as an editor would.
    func append(_ text: String, to path: String) throws {
        let file = "\(repository)/\(path)"
        try (String(contentsOfFile: file, encoding: .utf8) + text).write(
            toFile: file,
            atomically: true,
            encoding: .utf8
        )
    }

    /// Changes a file of the working copy, as an editor would; `old` must occur in it.
    func edit(_ path: String, replacing old: String, with new: String) throws {
        let file = "\(repository)/\(path)"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        guard text.contains(old) else {
            throw DemoError(code: .stepFailed, message: "the demo cannot change \(path): it has no \"\(old)\"")
        }
        try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
    }

    /// churn-predictor 8, whose f1 (0.52) is under the gate's minimum (0.70), recorded and made stable.
    func addFailingChurnVersion(folder: String) throws {
        let versions = "\(folder)/models/churn-predictor/versions"
        let record = try String(contentsOfFile: "\(repository)/\(versions)/7.yaml", encoding: .utf8)
        try record.write(toFile: "\(repository)/\(versions)/8.yaml", atomically: true, encoding: .utf8)
        for (old, new) in [
            ("name: churn-predictor-7", "name: churn-predictor-8"), (#"version: "7""#, #"version: "8""#),
            ("/v7/", "/v8/"), ("f1: 0.74", "f1: 0.52"),
        ] {
            try edit("\(versions)/8.yaml", replacing: old, with: new)
        }
        try edit("\(folder)/models/churn-predictor/deployment.yaml", replacing: #"stable: "7""#, with: #"stable: "8""#)
        console.say("Alan adds churn-predictor 8 (f1 0.52; the gate asks for at least 0.70) and makes it stable.")
    }

    /// An argument as a shell would need it written.
    private static func quoted(_ argument: String) -> String {
        let plain = argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0) }
        return plain && !argument.isEmpty
            ? argument : "'" + argument.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
