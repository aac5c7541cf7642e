import Cluster
import Foundation
import TestSupport

/// A shell script standing in for kubectl, for tests of the runner itself (deadlines, process groups,
/// output limits, arguments): it receives exactly the argv kubectl would.
struct ScriptedKubectl {
    let folder: TemporaryDirectory
    let path: String

    init(_ body: String) throws {
        folder = try TemporaryDirectory(prefix: "scripted-kubectl")
        path = folder.path("kubectl")
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    func options(timeout: Duration = .seconds(30), outputLimit: Int = 1 << 20) -> KubectlOptions {
        KubectlOptions(
            executable: path,
            kubeconfig: folder.path("kubeconfig"),
            context: "test",
            cacheDirectory: folder.path("cache"),
            timeout: timeout,
            outputLimit: outputLimit
        )
    }

    func remove() { folder.remove() }
}

extension ScriptedKubectl {
    /// A stand-in that starts a grandchild (`sleep 300`), records its own pid and the grandchild's in
    /// ``pidFile``, and waits forever: a kubectl stuck with an exec credential plugin.
    static func stuckWithGrandchild() throws -> ScriptedKubectl {
        try ScriptedKubectl(#"sleep 300 & echo "$$ $!" > "$(dirname "$0")/pids"; wait"#)
    }

    var pidFile: String { folder.path("pids") }

    /// The pids of the stand-in and its grandchild, once it recorded them.
    func recordedPids() -> (kubectl: Int32, grandchild: Int32)? {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8), text.hasSuffix("\n") else { return nil }
        let pids = text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return pids.count == 2 ? (pids[0], pids[1]) : nil
    }
}
