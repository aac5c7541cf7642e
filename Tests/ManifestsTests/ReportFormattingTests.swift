import Manifests
import MooringCore
import Testing

@Suite("validation reports read well for people, tools and GitHub")
struct ReportFormattingTests {
    static let report = ValidationReport(
        diagnostics: [
            Diagnostic(
                rule: .gateFailed,
                file: "models/b.yaml",
                line: 17,
                field: FieldPath([.key("spec"), .key("gates"), .index(0), .key("min")]),
                message: "fails"
            ),
            Diagnostic(rule: .invalidName, file: "cluster/a.yaml", line: 9, field: "metadata.name", message: "second"),
            Diagnostic(rule: .yamlSyntax, file: "cluster/a.yaml", line: 3, message: "first, with a comma\nand a line"),
        ],
        fileCount: 5,
        objectCount: 16,
        validObjectCount: 14
    )

    @Test("text groups by file, sorts by line and ends with a summary line")
    func text() {
        let text = Self.report.formatted(as: .text, style: ReportStyle(pathPrefix: "deploy"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "deploy/cluster/a.yaml")
        #expect(lines[1].hasPrefix("  3     first, with a comma"))
        #expect(text.contains("  9     second\n        metadata.name · invalid-name\n"))
        #expect(text.contains("deploy/models/b.yaml\n  17    fails\n        spec.gates[0].min · gate-failed\n"))
        #expect(text.hasSuffix("\n3 errors in 2 files; 14 objects valid\n"))
        #expect(!text.contains("\u{1B}["), "no colour unless asked for")
        #expect(Self.report.formatted(as: .text, style: ReportStyle(colour: true)).contains("\u{1B}[31m"))
    }

    @Test("json has the documented shape")
    func json() throws {
        let value = try JSONValue.parse(Self.report.formatted(as: .json, style: ReportStyle(pathPrefix: "deploy")))
        #expect(value["schema"] == "mooring.dev/validation/v1")
        #expect(value["valid"] == false)
        #expect(
            value["summary"] == [
                "errors": 3, "files": 5, "filesWithErrors": 2, "objects": 16, "validObjects": 14, "rendered": 0,
            ]
        )
        let first = try #require(value["diagnostics"]?.arrayValue?.first)
        #expect(
            first == [
                "rule": "yaml-syntax", "file": "cluster/a.yaml", "path": "deploy/cluster/a.yaml", "line": 3,
                "field": nil,
                "message": "first, with a comma\nand a line", "object": nil,
            ]
        )
        #expect(value["models"] == [] && value["objects"] == [])
    }

    @Test("github workflow commands escape what would break them")
    func github() {
        let text = Self.report.formatted(as: .github, style: ReportStyle(pathPrefix: "deploy"))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(
            lines[0]
                == "::error file=deploy/cluster/a.yaml,line=3,title=mooring%3A yaml-syntax::first, with a comma%0Aand a line"
        )
        #expect(
            lines[2]
                == "::error file=deploy/models/b.yaml,line=17,title=mooring%3A gate-failed::fails (spec.gates[0].min)"
        )
        #expect(lines.last == "3 errors in 2 files; 14 objects valid")
    }
}
