import Foundation
import GitSource
import TestSupport
import Testing

@Suite("Refs, history and signatures")
struct HistoryTests {
    @Test("resolving another branch fetches it on demand, leaving the tracked branch alone")
    func resolveBranch() async throws {
        try await withTemporaryDirectory { directory in
            let repository = try deployRepository(in: directory)
            let mirror = try GitMirror(options: options(url: repository.fileURL, in: directory))
            let tracked = try await mirror.poll().current
            try repository.git("checkout", "--quiet", "-b", "feature")
            try repository.write("deploy/app.yaml", "kind: ConfigMap\nfeature: true\n")
            let feature = try repository.commit("feature work")
            try repository.git("push", "--quiet", "origin", "feature")

            let resolved = try await mirror.resolve(ref: "feature")
            #expect(resolved.commit.hex == feature)
            #expect(resolved.fullName == "refs/heads/feature")
            #expect(resolved.requests.map(\.operation) == [.lsRemote, .fetch])
            #expect(
                try await mirror.snapshot(of: resolved.commit).texts["app.yaml"] == "kind: ConfigMap\nfeature: true\n"
            )
            #expect(try await mirror.trackedTip() == tracked)

            let again = try await mirror.resolve(ref: "refs/heads/feature")
            #expect(again.commit == resolved.commit)
            #expect(again.requests.map(\.operation) == [.lsRemote])
        }
    }

    @Test("resolving a commit id the mirror holds needs no network; an unknown one fetches, then fails")
    func resolveCommitID() async throws {
        try await withTemporaryDirectory { directory in
            let repository = try deployRepository(in: directory)
            let mirror = try GitMirror(options: options(url: repository.fileURL, in: directory))
            let tip = try await mirror.poll().current

            let full = try await mirror.resolve(ref: tip.hex)
            #expect(full.commit == tip)
            #expect(full.requests.isEmpty)
            #expect(try await mirror.resolve(ref: tip.short).commit == tip)

            try repository.git("checkout", "--quiet", "-b", "other")
            let other = try repository.commit("on another branch")
            try repository.git("push", "--quiet", "origin", "other")
            #expect(try await mirror.resolve(ref: String(other.prefix(10))).commit.hex == other)

            let error = try await #require(throws: GitSourceError.self) {
                try await mirror.resolve(ref: "no-such-branch")
            }
            #expect(error.code == .refNotFound)
            #expect(error.ref == "no-such-branch")
        }
    }

    @Test("the commits between two ids are listed oldest first")
    func commitsBetween() async throws {
        try await withTemporaryDirectory { directory in
            let repository = try deployRepository(in: directory)
            let first = try repository.git("rev-parse", "HEAD")
            let second = try repository.commit("second")
            let third = try repository.commitAndPush("third")
            let mirror = try GitMirror(options: options(url: repository.fileURL, in: directory))
            let tip = try await mirror.poll().current

            let start = try #require(CommitID(first))
            #expect(try await mirror.commits(from: start, to: tip).map(\.hex) == [second, third])
            #expect(try await mirror.commits(from: nil, to: tip).map(\.hex) == [first, second, third])
            #expect(try await mirror.commits(from: tip, to: tip).isEmpty)
        }
    }

    @Test("the signature of an SSH-signed commit is extracted with the payload it signs")
    func sshSignature() async throws {
        try await withTemporaryDirectory { directory in
            let repository = try deployRepository(in: directory)
            let key = directory.appendingPathComponent("signing_key").path
            try run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key])
            try repository.write("deploy/app.yaml", "kind: ConfigMap\nsigned: true\n")
            try repository.git("add", "--all")
            try repository.git([
                "-c", "gpg.format=ssh", "-c", "user.signingkey=\(key)", "commit", "--quiet", "-S", "-m",
                "signed change",
            ])
            try repository.push()
            let mirror = try GitMirror(options: options(url: repository.fileURL, in: directory))
            let tip = try await mirror.poll().current

            let signature = try #require(try await mirror.signature(of: tip))
            #expect(signature.format == .ssh)
            let payload = String(decoding: signature.signedPayload, as: UTF8.self)
            #expect(payload.hasPrefix("tree "))
            #expect(payload.hasSuffix("signed change\n"))
            #expect(!payload.contains("gpgsig"))
            let parent = try #require(try await mirror.commit(tip).parents.first)
            #expect(try await mirror.signature(of: parent) == nil)
        }
    }
}
