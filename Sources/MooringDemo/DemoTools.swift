import Foundation
import Sync

/// The programs the demo runs: git, to commit as people do, and kubectl, Mooring's cluster driver.
struct DemoTools: Sendable {
    let git: String
    let kubectl: String
    /// This program, `mooring`, which the demo also runs as the daemon (`mooring run`).
    let mooring: String

    /// Where kubectl is when it is not on `PATH`: the usual place of a distribution's package.
    static let fallbackKubectl = "/usr/bin/kubectl"

    /// Finds git on `PATH`, and kubectl as given, else on `PATH`, else at ``fallbackKubectl``; a missing one is
    /// a usage error (exit 2) that says how to install it.
    static func locate(kubectl given: String?) throws(DemoError) -> DemoTools {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let git = MooringConfiguration.locate("git", path: path)
        guard FileManager.default.isExecutableFile(atPath: git) else {
            throw DemoError(
                code: .setupFailed,
                message: "the demo needs git, to make commits as people would, and found none on PATH; install it "
                    + "(Debian or Ubuntu: apt-get install git; Fedora: dnf install git; macOS: xcode-select --install)"
            )
        }
        var kubectl = MooringConfiguration.locate(given ?? "kubectl", path: path)
        if given == nil, !FileManager.default.isExecutableFile(atPath: kubectl) { kubectl = fallbackKubectl }
        guard FileManager.default.isExecutableFile(atPath: kubectl) else {
            let looked =
                given.map { $0.contains("/") ? "at \($0)" : "named \($0) on PATH" }
                ?? "on PATH or at \(fallbackKubectl)"
            throw DemoError(
                code: .setupFailed,
                message: "the demo needs kubectl, Mooring's cluster driver, and found none \(looked); install it "
                    + "(https://kubernetes.io/docs/tasks/tools/ — Debian or Ubuntu: apt-get install kubectl "
                    + "from the Kubernetes apt repository) or name it with --kubectl PATH"
            )
        }
        let mooring = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "mooring"
        return DemoTools(git: git, kubectl: kubectl, mooring: mooring)
    }
}
