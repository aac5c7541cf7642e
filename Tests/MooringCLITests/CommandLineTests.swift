import Foundation
import MooringCore
import TestSupport
import Testing

/// `mooring source` and `mooring version` as an operator runs them: the real binary, its output and status.
@Suite("mooring source and mooring version")
struct CommandLineTests {
    private func mooring(_ arguments: [String]) async throws -> CommandResult {
        try await MooringBinary.run(arguments, environment: ["MOORING_LOG_FORMAT": "text"])
    }

    @Test("mooring source shows the tip commit and the files, reading only source and stateDir")
    func source() async throws {
        try await withTemporaryDirectory { directory in
            let repository = try await onOwnThread {
                let repository = try GitTestRepository(in: directory)
                try repository.write(
                    "deploy/cluster/namespace.yaml",
                    "apiVersion: v1\nkind: Namespace\nmetadata: {name: ml}\n"
                )
                try repository.write("deploy/README.md", "not a manifest, still listed\n")
                try repository.commitAndPush("first")
                return repository
            }
            let config = directory.appendingPathComponent("mooring.yaml").path
            // The cluster section names files this machine lacks: `source` must not care.
            try """
            source: {url: \(repository.fileURL), branch: main, path: deploy}
            cluster: {kubeconfig: /nonexistent/kubeconfig}
            stateDir: \(directory.appendingPathComponent("state").path)
            """.write(toFile: config, atomically: true, encoding: .utf8)
            let tip = try await onOwnThread { try repository.git("rev-parse", "HEAD") }

            let text = try await mooring(["source", "--config", config])
            #expect(text.status == 0, "\(text.stdout)\(text.stderr)")
            #expect(text.stdout.contains("commit     \(tip)"))
            #expect(text.stdout.contains("author     Ada Author <ada@example.com>"))
            #expect(text.stdout.contains("fetched    yes"))
            #expect(text.stdout.contains("2 file(s) under deploy"))
            #expect(text.stdout.contains("cluster/namespace.yaml"))

            let json = try JSONValue.parse(
                try await mooring(["source", "--config", config, "--format", "json"]).stdout
            )
            #expect(json["commit"] == .string(tip))
            #expect(json["fetched"] == false, "the second poll finds the branch unchanged and downloads nothing")
            #expect(json["files"]?.arrayValue?.count == 2)
        }
    }

    @Test("mooring source on an unreachable repository exits 1 and says why")
    func unreachableSource() async throws {
        try await withTemporaryDirectory { directory in
            let config = directory.appendingPathComponent("mooring.yaml").path
            try "source: {url: \(directory.path)/missing.git}\nstateDir: \(directory.path)/state\n"
                .write(toFile: config, atomically: true, encoding: .utf8)
            let result = try await mooring(["source", "--config", config])
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("missing.git"), "\(result.stderr)")
        }
    }

    @Test("mooring version names Mooring, libgit2 with its transports, and the kubectl it will use")
    func version() async throws {
        let result = try await mooring(["version"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("mooring "))
        #expect(result.stdout.contains("libgit2 1.5.1 (threads, https, ssh)"))
        #expect(result.stdout.contains("kubectl v1."))
    }
}
