import Cluster
import Foundation
import MooringCore
import TestSupport
import Testing

@Suite("Running kubectl")
struct KubectlRunnerTests {
    @Test("kubectl gets the kubeconfig, context and cache folder as flags and KUBECACHEDIR, and no shell")
    func explicitConfiguration() async throws {
        let kubectl = try ScriptedKubectl(#"for a in "$@"; do echo "$a"; done; echo "cache=$KUBECACHEDIR""#)
        defer { kubectl.remove() }
        let options = kubectl.options()
        let output = try await KubectlRunner(options: options).run(KubectlCommand(["get", "a b;c", "$(x)"]))
        let lines = String(decoding: output.standardOutput, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "--kubeconfig", options.kubeconfig, "--cache-dir", options.cacheDirectory, "--context", "test",
                "get", "a b;c", "$(x)", "cache=\(options.cacheDirectory)",
            ]
        )
        #expect(output.exitCode == 0)
    }

    @Test("standard input comes from a file")
    func standardInputFromFile() async throws {
        let kubectl = try ScriptedKubectl("cat")
        defer { kubectl.remove() }
        let input = kubectl.folder.path("input.json")
        try "{\"kind\":\"List\"}".write(toFile: input, atomically: true, encoding: .utf8)
        let command = KubectlCommand(["apply"], standardInputFile: input)
        let output = try await KubectlRunner(options: kubectl.options()).run(command)
        #expect(String(decoding: output.standardOutput, as: UTF8.self) == "{\"kind\":\"List\"}")
    }

    @Test("a non-zero exit is returned with what kubectl printed, and classified on request")
    func nonZeroExit() async throws {
        let kubectl = try ScriptedKubectl(
            #"echo 'Error from server (Forbidden): deployments.apps "web" is forbidden: User "ci" cannot get' >&2; exit 1"#
        )
        defer { kubectl.remove() }
        let output = try await KubectlRunner(options: kubectl.options()).run(KubectlCommand(["get", "deployments"]))
        #expect(output.exitCode == 1)
        let error = #expect(throws: ClusterError.self) { try output.checked() }
        #expect(error?.code == .forbidden)
        #expect(error?.exitCode == 1)
    }

    @Test("on timeout kubectl and every process it started are killed, and kubectl is reaped")
    func timeoutKillsProcessGroup() async throws {
        let kubectl = try ScriptedKubectl.stuckWithGrandchild()
        defer { kubectl.remove() }
        let runner = KubectlRunner(options: kubectl.options(timeout: .milliseconds(500)))
        let error = await #expect(throws: ClusterError.self) { try await runner.run(KubectlCommand(["get", "pods"])) }
        #expect(error?.code == .timeout)
        #expect(error?.command.contains("kubectl get") == true)
        try await expectGone(try #require(kubectl.recordedPids()))
    }

    @Test("cancelling the calling task stops kubectl and its process group")
    func cancellation() async throws {
        let kubectl = try ScriptedKubectl.stuckWithGrandchild()
        defer { kubectl.remove() }
        let runner = KubectlRunner(options: kubectl.options())
        let call = Task { try await runner.run(KubectlCommand(["get", "pods"])) }
        try await waitUntil("kubectl started its grandchild") { kubectl.recordedPids() != nil }
        call.cancel()
        let error = await #expect(throws: ClusterError.self) { try await call.value }
        #expect(error?.code == .cancelled)
        try await expectGone(try #require(kubectl.recordedPids()))
    }

    /// kubectl was reaped (no zombie left) and its grandchild was killed (reaped by init, or about to be).
    private func expectGone(_ pids: (kubectl: Int32, grandchild: Int32)) async throws {
        #expect(processState(pids.kubectl) == nil, "kubectl itself was reaped: no zombie")
        try await waitUntil("the grandchild is dead", timeout: .seconds(60)) {
            [nil, "Z"].contains(processState(pids.grandchild))
        }
    }

    @Test("a missing kubectl binary is reported as such")
    func missingBinary() async throws {
        var options = KubectlOptions(kubeconfig: "/nonexistent/kubeconfig", cacheDirectory: "/nonexistent/cache")
        options.executable = "/nonexistent/bin/kubectl"
        let error = await #expect(throws: ClusterError.self) {
            try await KubectlRunner(options: options).run(KubectlCommand(["version"]))
        }
        #expect(error?.code == .kubectlMissing)
        #expect(error?.message.contains("/nonexistent/bin/kubectl") == true)
    }

    @Test("a kubectl file that is not executable is reported as missing")
    func notExecutable() async throws {
        let kubectl = try ScriptedKubectl("exit 0")
        defer { kubectl.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: kubectl.path)
        let error = await #expect(throws: ClusterError.self) {
            try await KubectlRunner(options: kubectl.options()).run(KubectlCommand(["version"]))
        }
        #expect(error?.code == .kubectlMissing)
    }

    @Test("output beyond the limit stops the call with a typed error")
    func outputLimit() async throws {
        let kubectl = try ScriptedKubectl("head -c 1000000 /dev/zero; sleep 300")
        defer { kubectl.remove() }
        let runner = KubectlRunner(options: kubectl.options(outputLimit: 64 * 1024))
        let error = await #expect(throws: ClusterError.self) { try await runner.run(KubectlCommand(["get", "all"])) }
        #expect(error?.code == .outputTooLarge)
    }
}

/// The state letter from /proc/PID/stat (`S`, `Z`, …), or `nil` when no such process exists.
func processState(_ pid: Int32) -> String? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let closing = stat.lastIndex(of: ")")
    else { return nil }
    return stat[stat.index(after: closing)...].split(separator: " ").first.map(String.init)
}

@Suite("Manifest files")
struct ManifestFileTests {
    @Test("objects reach kubectl in a 0600 file inside a 0700 folder that is gone afterwards")
    func privateFile() async throws {
        let report = try TemporaryDirectory(prefix: "manifest-report")
        defer { report.remove() }
        let seen = report.path("seen")
        // The stand-in records the permissions of the file after -f and of its folder, and the file's path.
        let kubectl = try ScriptedKubectl(
            """
            while [ "$1" != "-f" ]; do shift; done
            { stat -c %a "$2" "$(dirname "$2")"; echo "$2"; cat "$2"; } > '\(seen)'
            echo '{"apiVersion": "v1", "kind": "List", "items": []}'
            """
        )
        defer { kubectl.remove() }
        let client = ClusterClient(options: kubectl.options())
        let reference = ObjectReference(apiVersion: "v1", kind: "Secret", namespace: "ml", name: "db")
        #expect(try await client.get([reference]).isEmpty)
        let lines = try String(contentsOfFile: seen, encoding: .utf8).split(separator: "\n").map(String.init)
        try #require(lines.count == 4)
        #expect(lines[0] == "600")
        #expect(lines[1] == "700")
        #expect(!FileManager.default.fileExists(atPath: lines[2]))
        #expect(!FileManager.default.fileExists(atPath: (lines[2] as NSString).deletingLastPathComponent))
        #expect(
            try JSONValue.parse(lines[3]) == [
                "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "db", "namespace": "ml"],
            ]
        )
    }
}
