import Foundation
import TestSupport
import Testing
import Tracking

@Suite("the digest of a local model artifact")
struct ArtifactDigestTests {
    @Test("a folder's digest is sha256sum's listing of its files, hashed, and changes with any file's content")
    func folderDigest() throws {
        let folder = try TemporaryDirectory(prefix: "mooring-digest")
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path("model/data"), withIntermediateDirectories: true)
        try "flavors: {}\n".write(toFile: folder.path("model/MLmodel"), atomically: true, encoding: .utf8)
        try Data([0, 1, 2, 255]).write(to: URL(fileURLWithPath: folder.path("model/data/model.bin")))
        try "b".write(toFile: folder.path("model/B.txt"), atomically: true, encoding: .utf8)
        let digest = try ArtifactDigest.compute(path: folder.path("model"))
        let shell = try run([
            "sh", "-c",
            "cd \"$1\" && find -L . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum",
            "sh", folder.path("model"),
        ]).stdout
        #expect(digest == "sha256:" + shell.prefix(64))
        try Data([0, 1, 2, 254]).write(to: URL(fileURLWithPath: folder.path("model/data/model.bin")))
        #expect(try ArtifactDigest.compute(path: folder.path("model")) != digest)
    }

    @Test("a file's digest is the SHA-256 of its bytes")
    func fileDigest() throws {
        let folder = try TemporaryDirectory(prefix: "mooring-digest")
        defer { folder.remove() }
        try "model".write(toFile: folder.path("model.bst"), atomically: true, encoding: .utf8)
        let shell = try run(["sha256sum", folder.path("model.bst")]).stdout
        #expect(try ArtifactDigest.compute(path: folder.path("model.bst")) == "sha256:" + shell.prefix(64))
    }

    @Test("file:// URIs and absolute paths are local; remote storage is not")
    func localPaths() {
        #expect(ArtifactDigest.localPath(of: "file:///srv/models/m-1/artifacts") == "/srv/models/m-1/artifacts")
        #expect(ArtifactDigest.localPath(of: "/srv/models") == "/srv/models")
        #expect(ArtifactDigest.localPath(of: "s3://bucket/models/1") == nil)
        #expect(ArtifactDigest.localPath(of: "mlflow-artifacts:/1/models") == nil)
    }

    @Test("a missing artifact is an error naming it")
    func missingArtifact() {
        #expect(throws: TrackingError.self) { try ArtifactDigest.compute(path: "/nonexistent/mooring/model") }
    }
}
