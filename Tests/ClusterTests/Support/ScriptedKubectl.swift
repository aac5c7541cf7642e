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
