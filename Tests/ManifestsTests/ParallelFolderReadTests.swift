import Foundation
import MooringCore
import TestSupport
import Testing

@testable import Manifests

@Suite("reading a folder's files side by side fails where reading them one by one fails")
struct ParallelFolderReadTests {
    private static let workerCounts = [1, 2, 4]

    private func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    private func problem(reading folder: TemporaryDirectory, limits: InputLimits, workers: Int) -> ManifestsError? {
        var reader = LocalFolderReader(limits: limits)
        reader.concurrency = ConcurrentMap(workers: workers)
        do {
            _ = try reader.read(at: folder.url.path)
            return nil
        } catch {
            return error
        }
    }

    @Test("the same files come back, in path order, with any number of workers")
    func sameFiles() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        for index in 0..<60 { try write("i: \(index)\n", to: folder.path("d\(index % 7)/f\(index).yaml")) }
        let serial = try LocalFolderReader(limits: InputLimits()).read(at: folder.url.path)
        for workers in Self.workerCounts {
            var reader = LocalFolderReader(limits: InputLimits())
            reader.concurrency = ConcurrentMap(workers: workers)
            #expect(try reader.read(at: folder.url.path) == serial)
        }
        #expect(serial.count == 60)
    }

    @Test("files over the total-bytes limit are refused at the file that passes it")
    func totalBytes() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        for index in 0..<40 {
            try write(String(repeating: "x", count: 99) + "\n", to: folder.path("f\(index + 10).yaml"))
        }
        for workers in Self.workerCounts {
            let error = problem(reading: folder, limits: InputLimits(maxTotalBytes: 1_050), workers: workers)
            #expect(error?.code == .folderTooLarge)
            #expect(error?.path == "f20.yaml")
        }
    }

    @Test("a file over the size limit is named before a bad link the walk finds after it")
    func firstProblemInWalkOrder() throws {
        let outside = try TemporaryDirectory()
        let folder = try TemporaryDirectory()
        defer {
            outside.remove()
            folder.remove()
        }
        try write("a: 1\n", to: outside.path("secret.yaml"))
        try write(String(repeating: "y", count: 2_000), to: folder.path("a.yaml"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.path("z.yaml"),
            withDestinationPath: outside.path("secret.yaml")
        )
        for workers in Self.workerCounts {
            let error = problem(reading: folder, limits: InputLimits(maxFileBytes: 1_000), workers: workers)
            #expect(error?.code == .fileTooLarge)
            #expect(error?.path == "a.yaml")
        }
    }
}
