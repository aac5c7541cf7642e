import Foundation
import Manifests
import MooringCore
import TestSupport
import Testing

@Suite("reading a commit is bounded in time and work")
struct DecodeBudgetTests {
    private func validate(_ files: [(String, String)], limits: InputLimits = InputLimits()) -> ValidationReport {
        let builder = DesiredStateBuilder(policy: ValidationPolicy(defaultNamespace: "ml", limits: limits))
        return builder.validate(files: files.map { SourceFile(path: $0.0, bytes: Array($0.1.utf8)) }).report
    }

    private static let configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n"

    @Test("past the deadline the commit is refused, naming the file being read, and nothing after it is read")
    func deadline() {
        let report = validate(
            [("a.yaml", Self.configMap), ("b.yaml", Self.configMap)],
            limits: InputLimits(maxDecodeTime: .zero)
        )
        #expect(report.diagnostics.map(\.rule) == [.decodeDeadline])
        #expect(report.diagnostics.first?.file == "a.yaml")
        #expect(report.fileCount == 1)
    }

    @Test("alias expansion is budgeted per commit: small bombs in many files add up and are refused")
    func aliasBudgetPerCommit() {
        // Each file expands to about 1,100 nodes through aliases: within a file's budget, not within the commit's.
        var bomb = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: NAME}\nx0: &x0 [a, a, a, a, a, a, a, a, a, a]\n"
        bomb += "x1: &x1 [" + Array(repeating: "*x0", count: 10).joined(separator: ", ") + "]\n"
        bomb += "data: {k: v}\nz: [" + Array(repeating: "*x1", count: 10).joined(separator: ", ") + "]\n"
        let files = (0..<20).map { ("f\($0).yaml", bomb.replacingOccurrences(of: "NAME", with: "m\($0)")) }
        let limits = InputLimits(maxAliasExpansionPerCommit: 10_000)
        let report = validate(files, limits: limits)
        #expect(report.diagnostics.contains { $0.rule == .tooManyNodes })
        #expect(!report.diagnostics.contains { $0.file == "f0.yaml" })
    }

    /// Texts of about `size` bytes shaped to stress the reader: plain, flow, nested, quoted, many documents,
    /// aliases.
    static func shapes(size: Int) -> [(String, String)] {
        func repeated(_ unit: String, _ head: String = "", _ tail: String = "") -> String {
            head + String(repeating: unit, count: max(1, (size - head.utf8.count - tail.utf8.count) / unit.utf8.count))
                + tail
        }
        return [
            (
                "plain",
                repeated(
                    "  key-000000: value value value\n",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n"
                ).replacingKeys()
            ),
            ("flow", repeated("[1, {a: b}], ", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nx: [", "0]\n")),
            ("documents", repeated("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")),
            (
                "quotes",
                repeated("'it''s \"x\" #', ", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nx: [", "0]\n")
            ),
            (
                "nesting",
                repeated(String(repeating: "[", count: 90) + String(repeating: "]", count: 90) + ",", "x: [", "0]\n")
            ),
            ("aliases", repeated("*a, ", "a: &a [1, 2, 3]\nx: [", "0]\n")),
            ("alias-keys", repeated("{*a: 1}, ", "a: &a [1, 2, 3]\nx: [", "0]\n")),
            ("long-scalar", repeated("x", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: ", "}\n")),
        ]
    }

    @Test("decoding time grows no faster than the file: four times the bytes take at most about four times as long")
    func linearTime() {
        for (index, (name, _)) in Self.shapes(size: 1).enumerated() {
            func time(_ size: Int) -> Duration {
                let text = Self.shapes(size: size)[index].1
                let limits = InputLimits(maxFileBytes: 8 << 20, maxDocumentBytes: 8 << 20)
                // This thread's CPU time, the best of three: the tests running beside this one do not count.
                return (0..<3).map { _ in
                    threadCPUTime { _ = validate([("f.yaml", text)], limits: limits) }
                }.min() ?? .zero
            }
            let small = time(64 << 10)
            let large = time(256 << 10)
            // Linear would be 4x; allow noise, but not quadratic growth (16x).
            #expect(large < small * 10 + .milliseconds(200), "\(name): \(small) for 64 KiB, \(large) for 256 KiB")
        }
    }
}

extension String {
    /// Numbers each `key-000000` in turn, so a mapping's keys are distinct.
    fileprivate func replacingKeys() -> String {
        var counter = 0
        return split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.contains("key-000000") else { return String(line) }
            counter += 1
            return line.replacingOccurrences(of: "key-000000", with: "key-\(counter)")
        }.joined(separator: "\n")
    }
}
