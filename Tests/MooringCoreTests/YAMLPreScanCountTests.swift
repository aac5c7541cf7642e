import Testing

@testable import MooringCore

/// The pre-scan counts the nodes and documents Yams would compose and refuses a file past the per-file caps
/// before composing anything, so files made of tiny nodes cannot take seconds to read.
@Suite("the pre-scan refuses files of too many tiny nodes or documents before composing")
struct YAMLPreScanCountTests {
    private let size = 1 << 20
    private let header = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: ml}\n"

    /// `unit` repeated to fill about 1 MiB between `head` and `tail` (the shapes of `benchmarks/decode-timing`).
    private func repeated(_ unit: String, head: String = "", tail: String = "") -> String {
        head + String(repeating: unit, count: (size - head.utf8.count - tail.utf8.count) / unit.utf8.count) + tail
    }

    private func counts(_ text: String) throws -> YAMLPreScan.Counts {
        try YAMLPreScan(text, limits: YAMLLimits()).check()
    }

    /// The error of reading `text`; the pre-scan's own messages tell that Yams composed nothing.
    private func refusal(_ text: String) -> YAMLError? {
        do {
            _ = try YAMLReader.documents(in: text)
            return nil
        } catch {
            return error
        }
    }

    @Test("nodes are counted as Yams composes them, empty ones and collections included")
    func counting() throws {
        #expect(try counts("a: 1\nb: [x, {c: d}]\n") == .init(nodes: 9, documents: 1))
        #expect(try counts("- \n-\n- a\n") == .init(nodes: 4, documents: 1))
        #expect(try counts("a:\nb:\nc: 1\n") == .init(nodes: 7, documents: 1))
        #expect(try counts("key:\n  nested: v\n") == .init(nodes: 5, documents: 1))
        #expect(try counts("a: &x [1]\nb: *x\n") == .init(nodes: 6, documents: 1))
        #expect(try counts("---\n---\n# only a comment\n...\n") == .init(nodes: 2, documents: 2))
        #expect(try counts("") == .init(nodes: 0, documents: 0))
        #expect(try counts(header + "---\n" + header) == .init(nodes: 22, documents: 2))
    }

    @Test("15,000 tiny documents in 1 MiB are refused as too many documents, naming the line")
    func manyDocuments() {
        let error = refusal(repeated("---\n" + header))
        #expect(error?.code == .tooManyDocuments)
        #expect(error?.message.contains("more than 2000 YAML documents") == true)
        #expect(error?.line == 2_000 * 4 + 1)
        #expect(error?.document == 2_000)
    }

    @Test(
        "a flow list of 400,000 nodes is refused as too many nodes",
        arguments: [
            "[1, {a: b}], ", "0, ", "{}, ",
        ]
    )
    func flowList(unit: String) {
        let error = refusal(repeated(unit, head: header + "x: [", tail: "0]\n"))
        #expect(error?.code == .tooManyNodes)
        #expect(error?.message.contains("more than 120000 YAML nodes") == true)
        #expect(error?.line == 4)
    }

    @Test("lists nested 90 deep are refused as too many nodes")
    func nesting() {
        let error = refusal(
            repeated(
                String(repeating: "[", count: 90) + String(repeating: "]", count: 90) + ",",
                head: "x: [",
                tail: "0]\n"
            )
        )
        #expect(error?.code == .tooManyNodes)
        #expect(error?.message.contains("YAML nodes, the limit for one file") == true)
    }

    @Test("empty block entries count too, so `-` lines cannot slip past")
    func emptyEntries() {
        let error = refusal(repeated("-\n"))
        #expect(error?.code == .tooManyNodes)
        #expect(error?.line == 120_001)
    }

    @Test("real manifests stay far below the caps: a 32,000-key mapping and 1 MiB of block text are read")
    func legitimate() throws {
        let mapping = header + "data:\n" + (0..<(size / 32)).map { "  key-\($0): value value value\n" }.joined()
        #expect(try counts(mapping).nodes < 70_000)
        #expect(try YAMLReader.documents(in: mapping).count == 1)
        let block = repeated("  a line with 'quotes', *stars and [brackets\n", head: header + "data:\n script: |\n")
        #expect(try counts(block).nodes == 15)
    }

    @Test("the caps are limits: lower ones refuse smaller files")
    func configurable() {
        let limits = YAMLLimits(maxNodesPerFile: 5, maxDocumentsPerFile: 1)
        #expect(throws: YAMLError.self) { try YAMLReader.documents(in: "a: [1, 2, 3, 4]\n", limits: limits) }
        #expect(throws: YAMLError.self) { try YAMLReader.documents(in: "a: 1\n---\nb: 2\n", limits: limits) }
        #expect((try? YAMLReader.documents(in: "a: [1, 2]\n", limits: limits)) != nil)
    }
}
