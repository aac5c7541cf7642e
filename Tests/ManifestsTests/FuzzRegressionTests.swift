import Foundation
import Manifests
import MooringCore
import TestSupport
import Testing

/// Every input the fuzzer (or a test) found to crash or hang a reader is kept in `fuzz/regressions/` and must
/// stay quick: the YAML reader, the JSON reader and the manifest decoder each accept or refuse it in time.
@Suite("inputs that once crashed or hung a reader stay harmless")
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../fuzz/regressions").standardizedFileURL

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }
            .sorted()
    }

    @Test("the regression folder is not empty")
    func present() { #expect(Self.files.count >= 5) }

    @Test("each is read and validated quickly (a debug build; the release figures are in the README)", arguments: files)
    func quick(name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        // This thread's CPU time: the tests running beside this one do not count.
        let took = threadCPUTime {
            _ = try? YAMLReader.documents(in: String(decoding: bytes, as: UTF8.self))
            _ = try? JSONValue.parse(bytes)
            _ = DesiredStateBuilder(policy: ValidationPolicy(defaultNamespace: "ml")).validate(
                files: [SourceFile(path: name, bytes: bytes)]
            )
        }
        #expect(took < .seconds(5), "\(name) took \(took)")
    }
}
