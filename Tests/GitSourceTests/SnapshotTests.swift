import Foundation
import GitSource
import MooringCore
import TestSupport
import Testing

@Suite("Reading the folder of one commit")
struct SnapshotTests {
    /// Commits what `prepare` writes on top of the deploy repository, polls, and snapshots the new tip.
    private func snapshot(
        in directory: URL,
        path: String = "deploy",
        limits: GitSourceLimits = GitSourceLimits(),
        _ prepare: (GitTestRepository) throws -> Void
    ) async throws -> Snapshot {
        let repository = try deployRepository(in: directory)
        try prepare(repository)
        try repository.commitAndPush("prepared")
        let mirror = try GitMirror(options: options(url: repository.fileURL, in: directory, path: path, limits: limits))
        return try await mirror.snapshot(of: try await mirror.poll().current)
    }

    private func snapshotError(
        in directory: URL,
        path: String = "deploy",
        limits: GitSourceLimits = GitSourceLimits(),
        _ prepare: (GitTestRepository) throws -> Void
    ) async throws -> GitSourceError {
        try await #require(throws: GitSourceError.self) {
            try await snapshot(in: directory, path: path, limits: limits, prepare)
        }
    }

    @Test("a symlink to a file inside the folder reads that file")
    func symlinkInside() async throws {
        try await withTemporaryDirectory { directory in
            let snapshot = try await snapshot(in: directory) { repository in
                try repository.symlink("deploy/current.yaml", to: "models/fraud.yaml")
                try repository.symlink("deploy/models/again.yaml", to: "./../current.yaml")
            }
            #expect(snapshot.texts["current.yaml"] == "kind: ModelDeployment\n")
            #expect(snapshot.texts["models/again.yaml"] == "kind: ModelDeployment\n")
        }
    }

    @Test("a symlink that leaves the folder is refused, naming it")
    func symlinkEscape() async throws {
        try await withTemporaryDirectory { directory in
            let error = try await snapshotError(in: directory) { repository in
                try repository.symlink("deploy/models/leak.yaml", to: "../../README.md")
            }
            #expect(error.code == .symlinkEscape)
            #expect(error.path == "deploy/models/leak.yaml")
        }
    }

    @Test("an absolute symlink is refused, naming it")
    func absoluteSymlink() async throws {
        try await withTemporaryDirectory { directory in
            let error = try await snapshotError(in: directory) { repository in
                try repository.symlink("deploy/passwd.yaml", to: "/etc/passwd")
            }
            #expect(error.code == .symlinkEscape)
            #expect(error.path == "deploy/passwd.yaml")
        }
    }

    @Test("a dangling symlink is refused, naming it")
    func danglingSymlink() async throws {
        try await withTemporaryDirectory { directory in
            let error = try await snapshotError(in: directory) { repository in
                try repository.symlink("deploy/gone.yaml", to: "nowhere.yaml")
            }
            #expect(error.code == .brokenSymlink)
            #expect(error.path == "deploy/gone.yaml")
        }
    }

    @Test("a file over the size limit is refused, naming it")
    func oversizeFile() async throws {
        try await withTemporaryDirectory { directory in
            let error = try await snapshotError(in: directory, limits: GitSourceLimits(maxFileBytes: 1024)) {
                try $0.write("deploy/big.json", String(repeating: "x", count: 1025))
            }
            #expect(error.code == .fileTooLarge)
            #expect(error.path == "deploy/big.json")
        }
    }

    @Test("files adding up to more than the snapshot limit are refused")
    func oversizeSnapshot() async throws {
        try await withTemporaryDirectory { directory in
            let limits = GitSourceLimits(maxFileBytes: 1024, maxSnapshotBytes: 2000)
            let error = try await snapshotError(in: directory, limits: limits) { repository in
                for index in 0..<3 {
                    try repository.write("deploy/part\(index).yaml", String(repeating: "y", count: 1000))
                }
            }
            #expect(error.code == .snapshotTooLarge)
            #expect(error.path == "deploy")
        }
    }

    @Test("more files than the limit are refused")
    func tooManyFiles() async throws {
        try await withTemporaryDirectory { directory in
            let error = try await snapshotError(in: directory, limits: GitSourceLimits(maxFiles: 3)) { repository in
                for index in 0..<3 { try repository.write("deploy/extra\(index).yaml", "a: \(index)\n") }
            }
            #expect(error.code == .tooManyFiles)
        }
    }

    @Test("a file name that is not UTF-8 is refused with the bytes escaped")
    func nonUTF8Name() async throws {
        try await withTemporaryDirectory { directory in
            let error = try await snapshotError(in: directory) { repository in
                try run(["bash", "-c", "printf 'a: 1\\n' > $'deploy/bad\\xff.yaml'"], in: repository.work)
            }
            #expect(error.code == .invalidPathEncoding)
            #expect(error.path == "deploy/bad\\xff.yaml")
        }
    }

    @Test("a submodule inside the folder is refused, naming it")
    func submodule() async throws {
        try await withTemporaryDirectory { directory in
            let error = try await snapshotError(in: directory) { repository in
                let head = try repository.git("rev-parse", "HEAD")
                try repository.git("update-index", "--add", "--cacheinfo", "160000,\(head),deploy/vendored")
                // An empty folder is how an uninitialized submodule looks; `git add --all` keeps the gitlink.
                try FileManager.default.createDirectory(
                    at: repository.work.appendingPathComponent("deploy/vendored"),
                    withIntermediateDirectories: true
                )
            }
            #expect(error.code == .submodule)
            #expect(error.path == "deploy/vendored")
        }
    }

    @Test("a folder missing from the commit is an error naming it")
    func missingFolder() async throws {
        try await withTemporaryDirectory { directory in
            let error = try await snapshotError(in: directory, path: "./manifests/prod/") { _ in }
            #expect(error.code == .pathMissing)
            #expect(error.path == "manifests/prod")
        }
    }

    @Test("the root folder reads every file in the repository")
    func rootFolder() async throws {
        try await withTemporaryDirectory { directory in
            let snapshot = try await snapshot(in: directory, path: "") { _ in }
            #expect(snapshot.files.map(\.path) == ["README.md", "deploy/app.yaml", "deploy/models/fraud.yaml"])
        }
    }
}
