public import MooringCore

extension ValidationResult {
    /// The result printed in `format`, ending with a newline.
    public func formatted(as format: ReportFormat, style: ReportStyle = ReportStyle()) -> String {
        switch format {
        case .text: return text(style: style)
        case .json: return json(style: style).serialized(pretty: true) + "\n"
        case .github: return github(style: style)
        }
    }

    /// For people: problems grouped by file and sorted by line, then a summary line; for a valid
    /// folder, the summary and one line per model.
    public func text(style: ReportStyle = ReportStyle()) -> String {
        let paint = Paint(enabled: style.colour)
        var lines: [String] = []
        var currentFile: String?
        for diagnostic in report.diagnostics {
            if diagnostic.file != currentFile {
                if currentFile != nil { lines.append("") }
                lines.append(paint.bold(style.path(diagnostic.file).escapingControlCharacters))
                currentFile = diagnostic.file
            }
            let number = diagnostic.line > 0 ? String(diagnostic.line) : "-"
            let gutter = String(repeating: " ", count: max(0, 5 - number.count))
            lines.append("  \(paint.red(number))\(gutter) \(diagnostic.message.escapingControlCharacters)")
            let where_ = [diagnostic.field?.description.escapingControlCharacters, diagnostic.rule.name].compactMap {
                $0
            }
            lines.append("        " + paint.dim(where_.joined(separator: " · ")))
        }
        if !lines.isEmpty { lines.append("") }
        for warning in report.warnings {
            let place = style.path(warning.file).escapingControlCharacters + ":\(warning.line)"
            lines.append(
                paint.dim("warning: ") + "\(place): \(warning.message.escapingControlCharacters) [\(warning.rule)]"
            )
        }
        lines.append(summaryLine(paint: paint))
        if let state = desiredState {
            for model in state.models {
                var line = "  \(model.qualifiedName) (\(model.target.rawValue)): stable \(model.stable)"
                if let canary = model.canary { line += ", canary \(canary.version) at \(canary.traffic)%" }
                if let drift = model.drift { line += ", drift \(drift.rawValue)" }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `2 errors in 1 file; 14 objects valid`, or for a valid folder
    /// `valid: 14 objects in 6 files, rendered to 5 Kubernetes objects`.
    public var summary: String { summaryLine(paint: Paint(enabled: false)) }

    private func summaryLine(paint: Paint) -> String {
        let objects = Self.count(report.validObjectCount, "object")
        guard report.isValid else {
            let errors = Self.count(report.diagnostics.count, "error")
            let files = Self.count(report.filesWithProblems.count, "file")
            return paint.red("\(errors) in \(files)") + "; \(objects) valid"
        }
        let rendered = Self.count(desiredState?.resources.count ?? 0, "Kubernetes object")
        return paint.green("valid") + ": \(objects) in \(Self.count(report.fileCount, "file")), rendered to \(rendered)"
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// For tools. The shape (stable; fields are only ever added):
    /// ```
    /// {"schema": "mooring.dev/validation/v1", "valid": Bool,
    ///  "summary": {"errors", "files", "filesWithErrors", "objects", "validObjects", "rendered"},
    ///  "diagnostics": [{"rule", "file", "path", "line", "field" (or null), "message", "object" (or null)}],
    ///  "warnings": [the same shape as diagnostics],
    ///  "models": [{"name", "namespace", "target", "stable", "canary": {"version", "traffic"} (or null),
    ///              "drift" (or null), "source", "objects": [String], "versions": [{"version", "artifact", "digest"}]}],
    ///  "objects": [String]}
    /// ```
    /// `file` is relative to the deploy folder, `path` carries the style's prefix; `line` is 0 for
    /// problems with a whole file. `models` and `objects` are empty unless the folder is valid.
    public func json(style: ReportStyle = ReportStyle()) -> JSONValue {
        func entry(_ diagnostic: Diagnostic) -> JSONValue {
            [
                "rule": .string(diagnostic.rule.name),
                "file": .string(diagnostic.file),
                "path": .string(style.path(diagnostic.file)),
                "line": .int(diagnostic.line),
                "field": diagnostic.field.map { .string($0.description) } ?? .null,
                "message": .string(diagnostic.message),
                "object": diagnostic.object.map { .string($0.description) } ?? .null,
            ]
        }
        let models: [JSONValue] = (desiredState?.models ?? []).map { model in
            [
                "name": .string(model.name),
                "namespace": .string(model.namespace),
                "target": .string(model.target.rawValue),
                "stable": .string(model.stable),
                "canary": model.canary.map { ["version": .string($0.version), "traffic": .int($0.traffic)] } ?? .null,
                "drift": model.drift.map { .string($0.rawValue) } ?? .null,
                "source": .string(model.source.description),
                "objects": .array(model.objects.map { .string($0.description) }),
                "versions": .array(
                    model.versions.map {
                        [
                            "version": .string($0.version), "artifact": .string($0.artifact.uri),
                            "digest": $0.artifact.digest.map { .string($0) } ?? .null,
                        ]
                    }
                ),
            ]
        }
        return [
            "schema": "mooring.dev/validation/v1",
            "valid": .bool(report.isValid),
            "summary": [
                "errors": .int(report.diagnostics.count),
                "files": .int(report.fileCount),
                "filesWithErrors": .int(report.filesWithProblems.count),
                "objects": .int(report.objectCount),
                "validObjects": .int(report.validObjectCount),
                "rendered": .int(desiredState?.resources.count ?? 0),
            ],
            "diagnostics": .array(report.diagnostics.map(entry)),
            "warnings": .array(report.warnings.map(entry)),
            "models": .array(models),
            "objects": .array((desiredState?.resources ?? []).map { .string($0.identity.description) }),
        ]
    }

    /// GitHub Actions workflow commands, one `::error` per problem, then the summary line.
    public func github(style: ReportStyle = ReportStyle()) -> String {
        var lines: [String] = []
        for diagnostic in report.diagnostics {
            var properties = ["file=\(Self.escapeProperty(style.path(diagnostic.file).escapingControlCharacters))"]
            if diagnostic.line > 0 { properties.append("line=\(diagnostic.line)") }
            properties.append("title=\(Self.escapeProperty("mooring: \(diagnostic.rule.name)"))")
            var message = diagnostic.message
            if let field = diagnostic.field { message += " (\(field))" }
            lines.append(
                "::error \(properties.joined(separator: ","))::\(Self.escapeData(message).escapingControlCharacters)"
            )
        }
        for warning in report.warnings {
            var properties = ["file=\(Self.escapeProperty(style.path(warning.file).escapingControlCharacters))"]
            if warning.line > 0 { properties.append("line=\(warning.line)") }
            properties.append("title=\(Self.escapeProperty("mooring: \(warning.rule.name)"))")
            lines.append(
                "::warning \(properties.joined(separator: ","))::\(Self.escapeData(warning.message).escapingControlCharacters)"
            )
        }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func escapeData(_ text: String) -> String {
        text.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    private static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}

extension ValidationReport {
    /// The report alone (no desired state), in `format`: for alerts such as `validation_failed`.
    public func formatted(as format: ReportFormat, style: ReportStyle = ReportStyle()) -> String {
        ValidationResult(report: self, desiredState: nil).formatted(as: format, style: style)
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
