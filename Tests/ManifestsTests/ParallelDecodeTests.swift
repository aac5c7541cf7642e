import Foundation
import MooringCore
import Testing

@testable import Manifests

@Suite("reading a commit's files side by side gives what reading them one by one gives")
struct ParallelDecodeTests {
    /// Every file of the corpus (good and bad ones, JSON included), and files that each spend about 1,100 nodes
    /// of alias expansion: with a commit budget of 10,000 the budget runs out part-way through the folder.
    private static func files() throws -> [SourceFile] {
        let root = try #require(CorpusCase.root)
        let paths = try #require(FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String])
        var files: [SourceFile] = []
        for path in paths.sorted() {
            let url = root.appendingPathComponent(path)
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files.append(SourceFile(path: "corpus/\(path)", bytes: Array(try Data(contentsOf: url))))
        }
        var bomb = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: NAME}\nx0: &x0 [a, a, a, a, a, a, a, a, a, a]\n"
        bomb += "x1: &x1 [" + Array(repeating: "*x0", count: 10).joined(separator: ", ") + "]\n"
        bomb += "data: {k: v}\nz: [" + Array(repeating: "*x1", count: 10).joined(separator: ", ") + "]\n"
        for index in 0..<20 {
            let text = bomb.replacingOccurrences(of: "NAME", with: "m\(index)")
            files.append(SourceFile(path: "bombs/f\(index).yaml", bytes: Array(text.utf8)))
        }
        return files
    }

    private static func decode(_ files: [SourceFile], workers: Int, limits: InputLimits) -> ManifestDecoder.Output {
        ManifestDecoder(limits: limits, concurrency: ConcurrentMap(workers: workers)).decode(files)
    }

    @Test(
        "objects, diagnostics and the file count are the same with 1, 2 and 4 workers",
        arguments: [2, 4]
    )
    func sameOutput(workers: Int) throws {
        let files = try Self.files()
        let limits = InputLimits(maxAliasExpansionPerCommit: 10_000)
        let serial = Self.decode(files, workers: 1, limits: limits)
        let parallel = Self.decode(files, workers: workers, limits: limits)
        // Each bomb spends 1,220 nodes (10 × 11 for x1, 10 × 111 for z): read in path order, eight fit in the
        // commit's 10,000 and the budget runs out in the ninth, as one by one; the rest are refused too.
        let bombs = files.map(\.path).filter { $0.hasPrefix("bombs/") }.sorted()
        for output in [serial, parallel] {
            let exhausted = output.diagnostics.filter { $0.rule == .tooManyNodes && $0.file.hasPrefix("bombs/") }
            #expect(exhausted.map(\.file) == Array(bombs.dropFirst(8)))
        }
        #expect(parallel.diagnostics == serial.diagnostics)
        #expect(parallel.fileCount == serial.fileCount)
        #expect(parallel.documents.count == serial.documents.count)
        for (one, other) in zip(serial.documents, parallel.documents) {
            #expect(one.file == other.file && one.prefix == other.prefix && one.object == other.object)
            #expect(one.document.index == other.document.index && one.document.line == other.document.line)
        }
    }

    @Test("a commit over the total-bytes limit is refused at the same file, having read the ones before it")
    func totalBytesLimit() throws {
        let files = try Self.files()
        let limits = InputLimits(maxTotalBytes: files.prefix(files.count / 2).reduce(0) { $0 + $1.bytes.count })
        let serial = Self.decode(files, workers: 1, limits: limits)
        let parallel = Self.decode(files, workers: 2, limits: limits)
        #expect(serial.diagnostics.last?.rule == .folderTooLarge)
        #expect(parallel.diagnostics == serial.diagnostics)
        #expect(parallel.fileCount == serial.fileCount)
        #expect(parallel.documents.count == serial.documents.count)
    }
}
