import Foundation
import GitSource
import TestSupport
import Testing

@Suite("Keeping the mirror bounded")
struct MirrorMaintenanceTests {
    /// The size of every file under `path`, in bytes.
    private func size(of path: String) -> Int {
        var total = 0
        let enumerator = FileManager.default.enumerator(
            at: URL(fileURLWithPath: path),
            includingPropertiesForKeys: [.fileSizeKey]
        )
        while let url = enumerator?.nextObject() as? URL {
            total += (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        }
        return total
    }

    @Test("two hundred fetches, each adding a pack, leave a bounded number of packs and a bounded mirror")
    func hundredsOfFetches() async throws {
        try await withTemporaryDirectory { directory in
            let repository = try deployRepository(in: directory)
            let mirror = try GitMirror(options: options(url: repository.fileURL, in: directory))
            let first = try await mirror.poll()
            var packs: [Int] = []
            for index in 1...200 {
                try repository.write("deploy/app.yaml", "kind: ConfigMap\ndata: {round: \"\(index)\"}\n")
                try repository.commitAndPush("round \(index)")
                let poll = try await mirror.poll()
                #expect(poll.fetched)
                let result = try await mirror.maintain(keeping: [first.current])
                #expect(result.problem == nil)
                packs.append(result.packsAfter)
            }
            #expect(packs.max() ?? 0 <= GitMirror.packLimit, "packs after each maintenance: \(packs)")
            #expect(packs.contains { $0 > 1 }, "fetches add packs between repacks: \(packs)")
            // The mirror holds what the remote holds, plus a little: bounded by the remote's own size.
            let remote = size(of: directory.path + "/remote.git")
            let mirrorSize = size(of: mirror.options.mirrorDirectory)
            #expect(mirrorSize < 2 * remote + 200_000, "mirror \(mirrorSize) bytes, remote \(remote) bytes")
            // The pinned commit is still readable.
            #expect(try await mirror.snapshot(of: first.current).texts["app.yaml"] == "kind: ConfigMap\n")
        }
    }

    @Test("a commit the caller keeps survives a force-push and a repack; unpinned rewritten history is pruned")
    func keepsAppliedCommit() async throws {
        try await withTemporaryDirectory { directory in
            let repository = try deployRepository(in: directory)
            let mirror = try GitMirror(options: options(url: repository.fileURL, in: directory))
            try repository.write("deploy/app.yaml", "kind: ConfigMap\ndata: {applied: \"yes\"}\n")
            try repository.commitAndPush("applied")
            let applied = try await mirror.poll().current
            try repository.write("deploy/app.yaml", "kind: ConfigMap\ndata: {dropped: \"yes\"}\n")
            try repository.commitAndPush("dropped")
            let dropped = try await mirror.poll().current
            // Rewrite the branch to a new root: neither commit is reachable from it any more.
            _ = try repository.git("checkout", "--quiet", "--orphan", "rewritten")
            try repository.write("deploy/app.yaml", "kind: ConfigMap\ndata: {rewritten: \"yes\"}\n")
            try repository.commit("rewritten")
            _ = try repository.git("push", "--quiet", "--force", "origin", "HEAD:refs/heads/main")
            for round in 0...GitMirror.packLimit {
                try repository.write("deploy/app.yaml", "kind: ConfigMap\ndata: {round: \"\(round)\"}\n")
                try repository.commitAndPush("round \(round)")
                _ = try await mirror.poll()
            }
            let result = try await mirror.maintain(keeping: [applied])
            #expect(result.repacked, "\(result)")
            #expect(result.packsAfter == 1)
            #expect(
                try await mirror.snapshot(of: applied).texts["app.yaml"]
                    == "kind: ConfigMap\ndata: {applied: \"yes\"}\n"
            )
            await #expect(throws: GitSourceError.self) { try await mirror.snapshot(of: dropped) }
        }
    }

    @Test("previewed refs beyond the newest few and old corrupt copies of the mirror are removed")
    func previewRefsAndCorruptCopies() async throws {
        try await withTemporaryDirectory { directory in
            let repository = try deployRepository(in: directory)
            let mirror = try GitMirror(options: options(url: repository.fileURL, in: directory))
            _ = try await mirror.poll()
            for number in 1...(GitMirror.keptPreviewRefs + 3) {
                _ = try repository.git("checkout", "--quiet", "-b", "pr-\(number)", "main")
                try repository.write("deploy/pr.yaml", "kind: ConfigMap\ndata: {pr: \"\(number)\"}\n")
                try repository.commit("pr \(number)")
                _ = try repository.git("push", "--quiet", "origin", "HEAD:refs/pull/\(number)/head")
                _ = try await mirror.resolve(ref: "refs/pull/\(number)/head")
            }
            let state = directory.path + "/state"
            for stamp in ["20260101T000000Z", "20260102T000000Z", "20260103T000000Z", "20260104T000000Z"] {
                try FileManager.default.createDirectory(
                    atPath: "\(state)/mirror.git.corrupt-\(stamp)/objects",
                    withIntermediateDirectories: true
                )
            }
            let result = try await mirror.maintain(keeping: [])
            #expect(result.removedPreviewRefs == 3)
            let refs = try FileManager.default.subpathsOfDirectory(
                atPath: mirror.options.mirrorDirectory + "/refs/mooring"
            )
            .filter { $0.hasSuffix("/head") }
            #expect(refs.count == GitMirror.keptPreviewRefs, "\(refs)")
            let copies = try FileManager.default.contentsOfDirectory(atPath: state).filter { $0.contains(".corrupt-") }
            #expect(copies.sorted() == ["mirror.git.corrupt-20260103T000000Z", "mirror.git.corrupt-20260104T000000Z"])
        }
    }
}
