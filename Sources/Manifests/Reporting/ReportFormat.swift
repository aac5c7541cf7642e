// Folder Manifests/Reporting: validation results as text, JSON and GitHub annotations.

/// How a validation report is printed.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// For people: grouped by file, sorted by line, with a summary line.
    case text
    /// For tools: one JSON object (see `ValidationResult.json(style:)` for its shape).
    case json
    /// GitHub Actions workflow commands (`::error file=…,line=…,title=…::…`), which annotate a pull request.
    case github
}
