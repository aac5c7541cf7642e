// Folder Manifests/Validation: diagnostics, rules, limits, scopes, gate checks.

/// Everything wrong with a deploy folder (or nothing), with counts for a summary line.
///
/// Thrown by `DesiredStateBuilder.build` when the folder is invalid; print it with `formatted(as:)`.
public struct ValidationReport: Error, Hashable, Sendable {
    /// Sorted by file, then line.
    public var diagnostics: [Diagnostic]
    /// Manifest files read.
    public var fileCount: Int
    /// Objects read from them (documents and List items, Mooring's kinds included).
    public var objectCount: Int
    /// Objects with no problem of their own.
    public var validObjectCount: Int
    /// Problems that do not make the folder invalid (a kind whose scope is not known offline), sorted.
    public var warnings: [Diagnostic]

    public init(
        diagnostics: [Diagnostic],
        fileCount: Int,
        objectCount: Int,
        validObjectCount: Int,
        warnings: [Diagnostic] = []
    ) {
        self.diagnostics = diagnostics.sorted(by: <)
        self.warnings = warnings.sorted(by: <)
        self.fileCount = fileCount
        self.objectCount = objectCount
        self.validObjectCount = validObjectCount
    }

    public var isValid: Bool { diagnostics.isEmpty }

    /// The files with problems, sorted.
    public var filesWithProblems: [String] { Array(Set(diagnostics.map(\.file))).sorted() }
}
