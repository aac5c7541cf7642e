import Foundation
import Manifests
import MooringCore

/// One folder of `Corpus/`: input files (`files/`), optionally the previous commit's (`previous/`),
/// and `expected.json` naming every diagnostic the input must produce (rule, file, line, field, and
/// optionally a part of the message), the host policy to apply, and strings that must never be printed.
struct CorpusCase: CustomStringConvertible, Sendable {
    struct ExpectedDiagnostic: Hashable, Comparable, CustomStringConvertible {
        var rule: String
        var file: String
        var line: Int
        var field: String?

        static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.file, lhs.line, lhs.rule, lhs.field ?? "") < (rhs.file, rhs.line, rhs.rule, rhs.field ?? "")
        }

        var description: String { "\(rule) \(file):\(line) \(field ?? "-")" }
    }

    var name: String
    var directory: URL
    var expected: [ExpectedDiagnostic]
    var messageParts: [ExpectedDiagnostic: String]
    var policy: ValidationPolicy
    var forbidden: [String]

    var description: String { name }

    static let root: URL? = Bundle.module.url(forResource: "Corpus", withExtension: nil)

    /// Every case, by name.
    static func all() -> [CorpusCase] {
        guard let root,
            let names = try? FileManager.default.contentsOfDirectory(atPath: root.path)
        else { return [] }
        return names.sorted().compactMap { try? CorpusCase(name: $0, directory: root.appendingPathComponent($0)) }
    }

    init(name: String, directory: URL) throws {
        self.name = name
        self.directory = directory
        let json = try JSONValue.parse(Array(Data(contentsOf: directory.appendingPathComponent("expected.json"))))
        var expected: [ExpectedDiagnostic] = []
        var messageParts: [ExpectedDiagnostic: String] = [:]
        for entry in json["diagnostics"]?.arrayValue ?? [] {
            let diagnostic = ExpectedDiagnostic(
                rule: entry["rule"]?.stringValue ?? "",
                file: entry["file"]?.stringValue ?? "",
                line: entry["line"]?.intValue ?? -1,
                field: entry["field"]?.stringValue
            )
            expected.append(diagnostic)
            if let part = entry["messageContains"]?.stringValue { messageParts[diagnostic] = part }
        }
        self.expected = expected.sorted()
        self.messageParts = messageParts
        self.forbidden = (json["forbidden"]?.arrayValue ?? []).compactMap(\.stringValue)
        self.policy = Self.policy(from: json["policy"] ?? .null)
    }

    func files() throws -> [SourceFile] {
        try LocalFolderReader().read(at: directory.appendingPathComponent("files").path)
    }

    func previousFiles() throws -> [SourceFile]? {
        let previous = directory.appendingPathComponent("previous").path
        guard FileManager.default.fileExists(atPath: previous) else { return nil }
        return try LocalFolderReader().read(at: previous)
    }

    private static func policy(from json: JSONValue) -> ValidationPolicy {
        var policy = ValidationPolicy()
        policy.defaultNamespace = json["defaultNamespace"]?.stringValue
        policy.allowedNamespaces = json["allowedNamespaces"]?.arrayValue.map { Set($0.compactMap(\.stringValue)) }
        policy.allowedClusterKinds = json["allowedClusterKinds"]?.arrayValue.map { Set($0.compactMap(\.stringValue)) }
        policy.requireCanaryAnalysis = json["requireCanaryAnalysis"]?.boolValue ?? false
        for (metric, floor) in json["gateFloors"]?.objectValue ?? [:] {
            policy.gateFloors[metric] = GateFloor(
                min: floor["min"]?.doubleValue,
                max: floor["max"]?.doubleValue,
                minDeltaVsStable: floor["minDeltaVsStable"]?.doubleValue
            )
        }
        let limits = json["limits"] ?? .null
        if let value = limits["maxFileBytes"]?.intValue { policy.limits.maxFileBytes = value }
        if let value = limits["maxDocumentBytes"]?.intValue { policy.limits.maxDocumentBytes = value }
        if let value = limits["maxFiles"]?.intValue { policy.limits.maxFiles = value }
        if let value = limits["maxNodesPerFile"]?.intValue { policy.limits.yaml.maxNodesPerFile = value }
        if let value = limits["maxDocumentsPerFile"]?.intValue { policy.limits.yaml.maxDocumentsPerFile = value }
        return policy
    }
}
