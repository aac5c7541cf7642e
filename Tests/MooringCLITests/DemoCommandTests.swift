import Foundation
import ScenarioSupport
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `mooring demo` as a newcomer runs it: the real binary, a `TMPDIR` of the test's own, the real git and kubectl.
@Suite("mooring demo")
struct DemoCommandTests {
    /// `PATH` with git and the kubectl dispatcher (`/usr/bin/kubectl`), not the newer pyenv kubectl.
    private static let path = "/usr/bin:/bin"

    private func demo(_ arguments: [String] = [], temporary: URL, path: String = path) async throws -> CommandResult {
        try await MooringBinary.run(
            ["demo"] + arguments,
            environment: ["TMPDIR": temporary.path, "PATH": path, "NO_COLOR": "1"]
        )
    }

    @Test("mooring demo tells the whole story, exits 0, and leaves nothing in TMPDIR")
    func wholeStory() async throws {
        try await withTemporaryDirectory { temporary in
            let result = try await demo(temporary: temporary)
            let output = result.stdout
            #expect(result.status == 0, "\(output)\(result.stderr)")
            // Validated offline.
            #expect(output.contains("valid: 8 objects in 8 files, rendered to 5 Kubernetes objects"), "\(output)")
            // The first sync creates every object of the example folder, and the models go live.
            for object in [
                "Namespace ml-prod", "ConfigMap ml-prod/model-serving-config", "Service ml-prod/churn-predictor",
                "Deployment.apps ml-prod/churn-predictor", "InferenceService.serving.kserve.io ml-prod/fraud-detector",
            ] {
                #expect(output.contains("  created \(object)\n"), "\(object) in \(output)")
            }
            #expect(output.contains("churn-predictor (new) → 7, fraud-detector (new) → 12 + canary 13 (10%)"))
            // The pull request, previewed as markdown, then merged: from → to.
            #expect(output.contains("- model **fraud-detector**: 12 + canary 13 (10%) → 13"), "\(output)")
            #expect(
                output.contains("[sync_applied] applied")
                    && output.contains("; fraud-detector 12 + canary 13 (10%) → 13")
            )
            // Drift by kubectl scale, named by field and field manager, and healed.
            #expect(
                output.contains(
                    "[drift_healed] healing drift of Deployment.apps ml-prod/churn-predictor: spec.replicas 3 → 9 "
                        + "(changed by kubectl)"
                ),
                "\(output)"
            )
            // The rollback by git revert.
            #expect(output.contains("Revert \"Merge pull request #1: promote fraud-detector 13\""), "\(output)")
            #expect(output.contains("; fraud-detector 13 → 12 + canary 13 (10%)"), "\(output)")
            // The refused gate names the metric; churn-predictor 7 keeps serving.
            #expect(output.contains("[gate_failed] churn-predictor version 8 fails gate f1 ≥ 0.70 (record: 0.52"))
            #expect(output.contains("default: refused "), "\(output)")
            #expect(output.contains("(still serving "), "the refused commit and the one serving: \(output)")
            let afterGate = output.components(separatedBy: "[gate_failed]").last ?? ""
            let serving = afterGate.split(separator: "\n").first { $0.hasPrefix("churn-predictor ") }
            #expect(serving?.hasSuffix(" 7") == true, "the version label of the Deployment: \(afterGate)")
            try Self.expectLiveGuardrails(in: output)
            // The audit trail.
            #expect(output.contains("fraud-detector (ml-prod): 12 + canary 13 (10%) → 13"), "\(output)")
            #expect(output.contains("drift (heal) Deployment.apps ml-prod/churn-predictor: spec.replicas by kubectl"))
            #expect(output.contains("  refused\n"), "\(output)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == [])
            #expect(Self.processes(mentioning: temporary.path) == [], "left running")
        }
    }

    /// The command lines of running processes that name `path` — the demo's `mooring run` and Prometheus name files
    /// of its workspace.
    private static func processes(mentioning path: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return line.contains(path) ? line : nil
        }
    }

    /// The live-guardrail step: with Prometheus installed, `mooring run` aborts the canary whose error rate climbs,
    /// and the cluster, `mooring status`, the model page and the audit trail show it; without, the step says so.
    private static func expectLiveGuardrails(in output: String) throws {
        let step = try #require(
            output.components(separatedBy: "\n9. A canary watched live").dropFirst().first?
                .components(separatedBy: "\n10. The audit trail").first,
            "the live-guardrail step, before the audit trail: \(output)"
        )
        guard PrometheusServer.isInstalled else {
            #expect(step.contains("Prometheus is not installed (no prometheus on PATH), so this step is skipped"))
            return
        }
        // The canary's error rate climbs; the daemon's check reads each value through Prometheus.
        for reading in ["0.004 (max 0.02): pass", "0.011 (max 0.02): pass", "0.019 (max 0.02): pass"] {
            #expect(step.contains("the daemon's check: error-rate \(reading)"), "\(step)")
        }
        // The abort, named by check, value and bound, in the events `mooring status` shows.
        #expect(
            step.contains(
                "[canary_aborted] ml-prod/fraud-detector: canary 13 aborted and taken out of traffic: "
                    + "error-rate measured 0.031, above max 0.02"
            ),
            "\(step)"
        )
        #expect(step.contains("model   ml-prod/fraud-detector 12 + canary 13 (0%, aborted)"), "as served: \(step)")
        #expect(step.contains("analysis of 13: aborted at "), "mooring status shows the analysis: \(step)")
        #expect(step.contains(" into the analysis: error-rate measured 0.031, above max 0.02"), "\(step)")
        #expect(!step.contains("aborted after 0s") && !step.contains(", 0s into the analysis"), "\(step)")
        #expect(step.contains("check   error-rate 0.031 (max 0.02): fail (2 in a row)"), "\(step)")
        // In the cluster, the canary has no traffic and the stable version is ready: it serves every request.
        let service = step.split(separator: "\n").first { $0.hasPrefix("fraud-detector ") }
        #expect(
            service?.split(separator: " ") == ["fraud-detector", "12", "13", "0", "True"],
            "kubectl: stable, canary, canary traffic, ready: \(step)"
        )
        #expect(step.contains("/models/default/ml-prod/fraud-detector, shows the same"), "\(step)")
        // The audit trail has the abort: the canary's traffic to 0.
        #expect(
            output.contains("fraud-detector (ml-prod): 12 + canary 13 (10%) → 12 + canary 13 (0%, aborted)"),
            "\(output)"
        )
        #expect(output.contains("canary 13 aborted: error-rate measured 0.031, above max 0.02"), "\(output)")
    }

    @Test("without prometheus, the live step says so and is skipped, and the rest of the story is told")
    func withoutPrometheus() async throws {
        try await withTemporaryDirectory { directory in
            let bin = directory.appendingPathComponent("bin")
            let temporary = directory.appendingPathComponent("tmp")
            for folder in [bin, temporary] {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            for tool in ["git", "kubectl"] {
                try FileManager.default.createSymbolicLink(
                    atPath: bin.appendingPathComponent(tool).path,
                    withDestinationPath: "/usr/bin/\(tool)"
                )
            }
            let result = try await demo(temporary: temporary, path: bin.path)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(
                result.stdout.contains(
                    "Prometheus is not installed (no prometheus on PATH), so this step is skipped: it shows mooring run "
                        + "querying a real Prometheus, which a stand-in would not (Debian or Ubuntu: apt-get install "
                        + "prometheus).\n\n10. The audit trail"
                ),
                "\(result.stdout)"
            )
            #expect(!result.stdout.contains("mooring run --config"), "\(result.stdout)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == [])
        }
    }

    @Test("without kubectl, mooring demo exits 2 and says how to install it")
    func missingKubectl() async throws {
        try await withTemporaryDirectory { temporary in
            let bin = temporary.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: bin.appendingPathComponent("git").path,
                withDestinationPath: "/usr/bin/git"
            )
            let result = try await demo(["--kubectl", "kubectl"], temporary: temporary, path: bin.path)
            #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("the demo needs kubectl"), "\(result.stderr)")
            #expect(result.stderr.contains("https://kubernetes.io/docs/tasks/tools/"), "\(result.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == ["bin"])
        }
    }

    @Test("without git, mooring demo exits 2 and says how to install it")
    func missingGit() async throws {
        try await withTemporaryDirectory { temporary in
            let result = try await demo(temporary: temporary, path: temporary.path)
            #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("the demo needs git"), "\(result.stderr)")
            #expect(result.stderr.contains("apt-get install git"), "\(result.stderr)")
        }
    }

    @Test("Ctrl-C in the middle of the demo stops it and leaves nothing in TMPDIR")
    func interrupted() async throws {
        try await interrupt(once: "3. First sync")
    }

    @Test(
        "Ctrl-C while mooring run watches the canary stops the daemon and Prometheus, and leaves nothing in TMPDIR",
        .enabled(if: PrometheusServer.isInstalled)
    )
    func interruptedWhileWatching() async throws {
        try await interrupt(once: "$ mooring run --config mooring.yaml &")
    }

    /// Runs `mooring demo`, sends SIGINT once its output has `marker`, and checks that it stopped everything it
    /// started and removed its workspace.
    private func interrupt(once marker: String) async throws {
        try await withTemporaryDirectory { directory in
            let temporary = directory.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            let log = directory.appendingPathComponent("demo.log").path
            let process = try MooringBinary.start(
                ["demo"],
                logPath: log,
                environment: ["TMPDIR": temporary.path, "PATH": Self.path, "NO_COLOR": "1"]
            )
            let read = { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
            try await waitUntil("\(marker) in the output") { read().contains(marker) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).count == 1)
            kill(process.pid, SIGINT)
            try await waitUntil("mooring demo to exit") { !process.isRunning }
            #expect(read().contains("interrupted (SIGINT)"), "\(read())")
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == [])
            #expect(Self.processes(mentioning: temporary.path) == [], "left running")
        }
    }

    @Test("the example folder built into mooring demo is deploy-manifests/, file for file")
    func embeddedExampleFolder() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/MooringDemo/ExampleDeployFiles.swift")
        let expected = Self.embeddedSource(of: try ExampleDeployFolder.files())
        if ProcessInfo.processInfo.environment["MOORING_UPDATE_EXPECTED"] == "1" {
            try expected.write(to: source, atomically: true, encoding: .utf8)
        }
        #expect(
            try String(contentsOf: source, encoding: .utf8) == expected,
            "deploy-manifests/ changed: run MOORING_UPDATE_EXPECTED=1 swift test --skip-build --filter DemoCommandTests"
        )
    }

    /// `ExampleDeployFiles.swift` for `files` (path → contents), as swift-format leaves it.
    private static func embeddedSource(of files: [String: String]) -> String {
        var text = """
            // Generated from deploy-manifests/ by DemoCommandTests: do not edit. After changing that folder, build and run
            // MOORING_UPDATE_EXPECTED=1 swift test --skip-build --filter DemoCommandTests to write this file again.

            /// The repository's example deploy folder (`deploy-manifests/`), built into `mooring demo` so that it needs no
            /// checkout: each file's path inside the folder and its contents, sorted by path.
            enum ExampleDeployFiles {
                static let files: [(path: String, contents: String)] = [

            """
        let indent = String(repeating: " ", count: 12)
        for (path, contents) in files.sorted(by: { $0.key < $1.key }) {
            let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : indent + $0 }
            text += "        (\n\(indent)path: \"\(path)\",\n\(indent)contents: #\"\"\"\n"
            text += lines.joined(separator: "\n") + "\n\(indent)\"\"\"#\n        ),\n"
        }
        return text + "    ]\n}\n"
    }
}
