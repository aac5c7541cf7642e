import Manifests
import MooringCore
import Testing

@Suite("bad deploy folders are refused with every problem named")
struct CorpusTests {
    @Test("the corpus covers every rule and holds at least 40 cases")
    func coverage() {
        let cases = CorpusCase.all()
        #expect(cases.count >= 40)
        let covered = Set(cases.flatMap { $0.expected.map(\.rule) })
        let uncovered = Diagnostic.Rule.all.map(\.name).filter {
            !covered.contains($0) && !Self.coveredElsewhere.contains($0)
        }
        #expect(uncovered.isEmpty, "rules without a corpus case: \(uncovered)")
    }

    /// Rules only the folder reader raises (tested in LocalFolderReaderTests), the decode deadline (tested
    /// in DecodeBudgetTests), an unresolved kind (a warning offline, tested in UnresolvedKindTests) and a kind
    /// the cluster does not serve (raised at sync time, tested in SyncTests).
    static let coveredElsewhere: Set<String> = [
        "symlink-outside-folder", "unreadable", "decode-deadline", "unresolved-kind", "kind-not-served",
    ]

    @Test("a bad input yields exactly the expected diagnostics", arguments: CorpusCase.all())
    func corpusCase(_ corpusCase: CorpusCase) throws {
        let builder = DesiredStateBuilder(policy: corpusCase.policy)
        let result = builder.validate(files: try corpusCase.files(), previousFiles: try corpusCase.previousFiles())
        #expect(result.desiredState == nil, "an invalid folder must not produce a desired state")
        let actual = result.report.diagnostics.map {
            CorpusCase.ExpectedDiagnostic(
                rule: $0.rule.name,
                file: $0.file,
                line: $0.line,
                field: $0.field?.description
            )
        }.sorted()
        #expect(
            actual == corpusCase.expected,
            "\(result.report.diagnostics.map(\.description).joined(separator: "\n"))"
        )
        for (expected, part) in corpusCase.messageParts {
            let match = result.report.diagnostics.first {
                $0.rule.name == expected.rule && $0.file == expected.file && $0.line == expected.line
            }
            #expect(match?.message.contains(part) == true, "\(expected): \(match?.message ?? "no diagnostic")")
        }
        for format in ReportFormat.allCases {
            let printed = result.formatted(as: format)
            for secret in corpusCase.forbidden {
                #expect(!printed.contains(secret), "the \(format) report shows a secret value")
            }
        }
    }
}
