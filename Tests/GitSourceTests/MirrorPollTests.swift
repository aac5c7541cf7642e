import Foundation
import GitSource
import TestSupport
import Testing

@Suite("Polling the remote into the mirror")
struct MirrorPollTests {
    /// The deploy repository served by a real `git daemon`, and a mirror of it.
    private func withServedRepository(_ body: (GitTestRepository, GitMirror) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let repository = try deployRepository(in: directory)
            let daemon = try await GitDaemon(basePath: directory)
            defer { daemon.stop() }
            try await body(repository, try GitMirror(options: options(url: daemon.url("remote.git"), in: directory)))
        }
    }

    @Test("the first poll clones the branch and a snapshot reads the folder's files")
    func firstClone() async throws {
        try await withTemporaryDirectory { directory in
            let repository = try deployRepository(in: directory)
            let head = try repository.git("rev-parse", "HEAD")
            let mirror = try GitMirror(options: options(url: repository.fileURL, in: directory))

            let poll = try await mirror.poll()
            #expect(poll.previous == nil)
            #expect(poll.current.hex == head)
            #expect(poll.fetched)
            #expect(poll.requests.map(\.operation) == [.lsRemote, .fetch])
            #expect(FileManager.default.fileExists(atPath: directory.path + "/state/mirror.git/HEAD"))

            let snapshot = try await mirror.snapshot(of: poll.current)
            #expect(
                snapshot.texts == ["app.yaml": "kind: ConfigMap\n", "models/fraud.yaml": "kind: ModelDeployment\n"]
            )
            #expect(snapshot.commit.summary == "first deploy")
            #expect(snapshot.commit.author.name == "Ada Author")
            #expect(snapshot.commit.committer.email == "carl@example.com")
            #expect(snapshot.commit.parents.isEmpty)
        }
    }

    @Test("an unchanged poll lists the remote's refs and downloads nothing")
    func unchangedPoll() async throws {
        try await withServedRepository { repository, mirror in
            let first = try await mirror.poll()
            let objectsBefore = objectStoreListing(mirror.options.mirrorDirectory)

            let second = try await mirror.poll()
            #expect(second.previous == first.current)
            #expect(second.current == first.current)
            #expect(!second.fetched)
            #expect(second.requests == [GitRequest(operation: .lsRemote, result: "success")])
            #expect(objectStoreListing(mirror.options.mirrorDirectory) == objectsBefore)
            #expect(try repository.git("rev-parse", "HEAD") == second.current.hex)
            let counts = await mirror.requestCounts()
            #expect(counts[GitRequest(operation: .lsRemote, result: "success")] == 2)
            #expect(counts[GitRequest(operation: .fetch, result: "success")] == 1)
        }
    }

    @Test("a new commit on the branch is fetched and descends from the previous tip")
    func newCommitFetched() async throws {
        try await withServedRepository { repository, mirror in
            let first = try await mirror.poll()

            try repository.write("deploy/app.yaml", "kind: ConfigMap\ndata: {a: b}\n")
            let pushed = try repository.commitAndPush("change the config map")
            let second = try await mirror.poll()

            #expect(second.fetched)
            #expect(second.previous == first.current)
            #expect(second.current.hex == pushed)
            #expect(try await mirror.isDescendant(second.current, of: first.current))
            #expect(
                try await mirror.snapshot(of: second.current).texts["app.yaml"] == "kind: ConfigMap\ndata: {a: b}\n"
            )
            #expect(try await mirror.commit(second.current).parents == [first.current])
        }
    }

    @Test("a force-push is reported as a history rewrite")
    func forcePushIsRewrite() async throws {
        try await withTemporaryDirectory { directory in
            let repository = try deployRepository(in: directory)
            try repository.write("deploy/app.yaml", "kind: ConfigMap\nversion: 2\n")
            try repository.commitAndPush("second")
            let mirror = try GitMirror(options: options(url: repository.fileURL, in: directory))
            let applied = try await mirror.poll().current

            try repository.git("reset", "--hard", "--quiet", "HEAD~1")
            try repository.write("deploy/app.yaml", "kind: ConfigMap\nversion: rewritten\n")
            try repository.commit("rewritten second")
            try repository.push(force: true)
            let poll = try await mirror.poll()

            #expect(poll.fetched)
            #expect(poll.current != applied)
            #expect(try await mirror.isDescendant(poll.current, of: applied) == false)
            #expect(try await mirror.isDescendant(applied, of: applied))
        }
    }

    @Test("a deleted branch is an error, never an empty snapshot")
    func deletedBranch() async throws {
        try await withTemporaryDirectory { directory in
            let repository = try deployRepository(in: directory)
            let mirror = try GitMirror(options: options(url: repository.fileURL, in: directory))
            _ = try await mirror.poll()

            try run(["git", "-C", repository.bare.path, "update-ref", "-d", "refs/heads/main"])
            let error = try await #require(throws: GitSourceError.self) { try await mirror.poll() }
            #expect(error.code == .branchMissing)
            #expect(error.ref == "refs/heads/main")
            #expect(error.description.contains("'main'"))
        }
    }

    @Test("a mirror that lacks objects is moved aside, not deleted, and cloned again")
    func corruptMirrorMissingObjects() async throws {
        try await withTemporaryDirectory { directory in
            let repository = try deployRepository(in: directory)
            let first = try GitMirror(options: options(url: repository.fileURL, in: directory))
            let tip = try await first.poll().current
            let mirrorPath = first.options.mirrorDirectory
            let packs = mirrorPath + "/objects/pack"
            for file in try FileManager.default.contentsOfDirectory(atPath: packs) {
                try FileManager.default.removeItem(atPath: "\(packs)/\(file)")
            }

            let second = try GitMirror(options: options(url: repository.fileURL, in: directory))
            let poll = try await second.poll()
            let movedAside = try #require(poll.movedAsideMirror)
            #expect(movedAside.hasPrefix(mirrorPath + ".corrupt-"))
            #expect(FileManager.default.fileExists(atPath: movedAside + "/HEAD"))
            #expect(poll.previous == nil)
            #expect(poll.current == tip)
            #expect(try await second.snapshot(of: tip).files.count == 2)
        }
    }

    @Test("a mirror libgit2 cannot open is moved aside and cloned again")
    func corruptMirrorUnreadable() async throws {
        try await withTemporaryDirectory { directory in
            let repository = try deployRepository(in: directory)
            let options = options(url: repository.fileURL, in: directory)
            try FileManager.default.createDirectory(atPath: options.mirrorDirectory, withIntermediateDirectories: true)
            try "not a repository".write(toFile: options.mirrorDirectory + "/HEAD", atomically: true, encoding: .utf8)

            let mirror = try GitMirror(options: options)
            let poll = try await mirror.poll()
            let movedAside = try #require(poll.movedAsideMirror)
            #expect(try String(contentsOfFile: movedAside + "/HEAD", encoding: .utf8) == "not a repository")
            #expect(poll.fetched)
            #expect(try await mirror.snapshot(of: poll.current).files.count == 2)
        }
    }
}
