import Foundation
import Manifests
import MooringCore
import TestSupport
import Testing

@Suite("reading a deploy folder from disk")
struct LocalFolderReaderTests {
    private func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("manifest files are read with relative paths; other files and .git are ignored")
    func readsManifestsOnly() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try write("a: 1\n", to: folder.path("cluster/a.yaml"))
        try write("{}\n", to: folder.path("models/m/b.json"))
        try write("c: 1\n", to: folder.path("c.YML"))
        try write("# notes\n", to: folder.path("README.md"))
        try write("x\n", to: folder.path(".git/config.yaml"))
        let files = try LocalFolderReader().read(at: folder.url.path)
        #expect(files.map(\.path) == ["c.YML", "cluster/a.yaml", "models/m/b.json"])
        #expect(files[1].bytes == Array("a: 1\n".utf8))
    }

    @Test("a symbolic link to a file inside the folder is read as that file")
    func symlinkInside() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try write("a: 1\n", to: folder.path("shared/base.yaml"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.path("link.yaml"),
            withDestinationPath: "shared/base.yaml"
        )
        let files = try LocalFolderReader().read(at: folder.url.path)
        #expect(files.map(\.path) == ["link.yaml", "shared/base.yaml"])
        #expect(files[0].bytes == files[1].bytes)
    }

    @Test("a symbolic link that leads outside the folder is refused")
    func symlinkOutside() throws {
        let outside = try TemporaryDirectory()
        let folder = try TemporaryDirectory()
        defer {
            outside.remove()
            folder.remove()
        }
        try write("password: x\n", to: outside.path("secret.yaml"))
        try write("a: 1\n", to: folder.path("a.yaml"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.path("escape.yaml"),
            withDestinationPath: outside.path("secret.yaml")
        )
        #expect {
            try LocalFolderReader().read(at: folder.url.path)
        } throws: { error in
            (error as? ManifestsError)?.code == .symlinkOutsideFolder
                && (error as? ManifestsError)?.path == "escape.yaml"
        }
        let report = ValidationReport(
            refusal: ManifestsError(code: .symlinkOutsideFolder, path: "escape.yaml", message: "m")
        )
        #expect(report.diagnostics.map(\.rule) == [.symlinkOutsideFolder])
    }

    @Test("a folder link is not followed, so a link cycle cannot hang the reader")
    func folderLinkNotFollowed() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try write("a: 1\n", to: folder.path("sub/a.yaml"))
        try FileManager.default.createSymbolicLink(atPath: folder.path("sub/loop"), withDestinationPath: "..")
        #expect(try LocalFolderReader().read(at: folder.url.path).map(\.path) == ["sub/a.yaml"])
    }

    @Test("a file over the size limit is refused without reading all of it")
    func fileTooLarge() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try write(String(repeating: "x", count: 2_000), to: folder.path("big.yaml"))
        #expect {
            try LocalFolderReader(limits: InputLimits(maxFileBytes: 1_000)).read(at: folder.url.path)
        } throws: { error in
            (error as? ManifestsError)?.code == .fileTooLarge
        }
    }

    @Test("a missing folder is its own error")
    func missingFolder() {
        #expect {
            try LocalFolderReader().read(at: "/nonexistent/mooring/deploy")
        } throws: { error in
            (error as? ManifestsError)?.code == .folderNotFound
        }
    }
}
