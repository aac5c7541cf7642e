import ArgumentParser
import Cluster
import Foundation
import GitSource
import MooringCore
import Sync

/// `mooring version`: Mooring's version, libgit2's, and the kubectl Mooring will run.
struct VersionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the versions of Mooring, libgit2 and the kubectl it will use."
    )

    @Option(
        help: ArgumentHelp(
            "A host configuration whose cluster.kubectl to report (default: kubectl on PATH).",
            valueName: "file"
        )
    )
    var config: String?

    func run() async throws {
        print("mooring \(MooringVersion.current)")
        print("libgit2 \(GitLibrary.version) (\(GitLibrary.features.joined(separator: ", ")))")
        let kubectl = try kubectlPath()
        let scratch = NSTemporaryDirectory() + "mooring-version-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let client = ClusterClient(
            options: KubectlOptions(
                executable: kubectl,
                kubeconfig: "/dev/null",
                cacheDirectory: scratch,
                timeout: .seconds(20)
            )
        )
        do {
            print("kubectl \(try await client.clientVersion()) (\(kubectl))")
        } catch {
            print("kubectl not usable at \(kubectl): \(error.message)")
            throw ExitCode(1)
        }
    }

    private func kubectlPath() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        guard let config else {
            return MooringConfiguration.locate("kubectl", path: environment["PATH"] ?? "/usr/bin:/bin")
        }
        do {
            let targets = try ConfigurationFile.load(config).targetPolicies()
            let program = targets.first?.cluster.kubectl ?? "kubectl"
            return MooringConfiguration.locate(program, path: environment["PATH"] ?? "/usr/bin:/bin")
        } catch {
            throw CommandFailure.configuration(error)
        }
    }
}
