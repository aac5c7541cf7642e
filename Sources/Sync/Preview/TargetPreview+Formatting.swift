import Manifests
public import MooringCore
import Reconciler

extension TargetPreview {
    /// For a terminal: one line per object (`+` create, `~` update, `!` heal, `?` drift left alone,
    /// `-` prune, `=` kept), then its field changes.
    public func text() -> String {
        var lines = ["\(target): \(sourceDescription)"]
        if let validation {
            lines.append("  invalid: nothing would be applied")
            lines += validation.diagnostics.map { "  \($0.file):\($0.line): \($0.message)" }
            return lines.joined(separator: "\n")
        }
        for change in models {
            lines.append(
                "  model \(change.model): \(change.from?.summary ?? "(new)") → \(change.to?.summary ?? "(removed)")"
            )
        }
        if objects.isEmpty { lines.append("  no changes: the cluster matches") }
        for object in objects {
            var head = "  \(Self.symbol(object.action)) \(object.identity)"
            if object.action != .create, object.action != .update { head += " (\(object.action.rawValue))" }
            if let note = object.note { head += ": \(note)" }
            lines.append(head)
            for change in object.changes { lines.append("      " + Self.describe(change, action: object.action)) }
        }
        return lines.joined(separator: "\n")
    }

    /// For a pull-request comment: a summary, a table of objects, and the field changes per object
    /// in collapsible `diff` blocks.
    public func markdown() -> String {
        var lines = [
            "### Mooring preview: `\(target)` at \(sourceDescription.hasPrefix("commit") ? "`\(source.prefix(12))`" : sourceDescription)",
            "",
        ]
        if let validation {
            lines.append("**Invalid: nothing would be applied.**")
            lines.append("")
            lines += validation.diagnostics.map { "- `\($0.file):\($0.line)` \($0.message)" }
            return lines.joined(separator: "\n")
        }
        let counts = ObjectPreview.Action.allCases.compactMap { action -> String? in
            let count = objects.filter { $0.action == action }.count
            return count == 0 ? nil : "\(count) \(Self.verb(action))"
        }
        lines.append(
            counts.isEmpty ? "No changes: the cluster matches." : "**" + counts.joined(separator: " · ") + "**"
        )
        if !models.isEmpty {
            lines.append("")
            lines += models.map {
                "- model **\($0.model)**: \($0.from?.summary ?? "(new)") → \($0.to?.summary ?? "(removed)")"
            }
        }
        guard !objects.isEmpty else { return lines.joined(separator: "\n") }
        lines += ["", "| | object | change |", "|---|---|---|"]
        for object in objects {
            let fields = object.changes.prefix(3).map { "`\($0.path)`" }.joined(separator: ", ")
            let detail = object.note ?? (object.action == .create ? "new" : fields)
            lines.append("| \(Self.symbol(object.action)) | `\(object.identity)` | \(detail.replacingPipes) |")
        }
        for object in objects where !object.changes.isEmpty {
            lines += [
                "", "<details><summary>\(Self.verb(object.action)): <code>\(object.identity)</code></summary>", "",
                "```diff",
            ]
            for change in object.changes {
                if let before = change.before { lines.append("- \(change.path): \(before.serialized())") }
                if let after = change.after { lines.append("+ \(change.path): \(after.serialized())") }
            }
            lines += ["```", "", "</details>"]
        }
        return lines.joined(separator: "\n")
    }

    /// For tools: a stable JSON shape.
    public func json() -> JSONValue {
        var value: JSONValue = [
            "target": .string(target),
            "source": .string(source),
            "changes": .bool(hasChanges),
            "models": .array(
                models.map { change in
                    [
                        "model": .string(change.model),
                        "namespace": .string(change.namespace),
                        "from": change.from.map { .string($0.summary) } ?? .null,
                        "to": change.to.map { .string($0.summary) } ?? .null,
                    ]
                }
            ),
            "objects": .array(
                objects.map { object in
                    [
                        "object": .string(object.identity.description),
                        "kind": .string(object.identity.kind),
                        "namespace": object.identity.namespace.map { .string($0) } ?? .null,
                        "name": .string(object.identity.name),
                        "action": .string(object.action.rawValue),
                        "note": object.note.map { .string($0) } ?? .null,
                        "sourceFile": object.sourceFile.map { .string($0) } ?? .null,
                        "fields": .array(
                            object.changes.map { change in
                                [
                                    "path": .string(change.path.description),
                                    "before": change.before ?? .null,
                                    "after": change.after ?? .null,
                                ]
                            }
                        ),
                    ]
                }
            ),
        ]
        if let validation {
            value["invalid"] = .array(
                validation.diagnostics.map { diagnostic in
                    [
                        "file": .string(diagnostic.file),
                        "line": .int(diagnostic.line),
                        "rule": .string(diagnostic.rule.description),
                        "message": .string(diagnostic.message),
                    ]
                }
            )
        }
        return value
    }

    private var sourceDescription: String {
        source.utf8.count == 40 ? "commit \(source.prefix(12))" : source
    }

    private static func symbol(_ action: ObjectPreview.Action) -> String {
        switch action {
        case .create: "+"
        case .update: "~"
        case .heal: "!"
        case .drift: "?"
        case .prune: "-"
        case .keep: "="
        }
    }

    private static func verb(_ action: ObjectPreview.Action) -> String {
        switch action {
        case .create: "to create"
        case .update: "to update"
        case .heal: "to heal"
        case .drift: "drifted (alert only)"
        case .prune: "to prune"
        case .keep: "kept (prune blocked)"
        }
    }

    private static func describe(_ change: FieldChange, action: ObjectPreview.Action) -> String {
        let after = change.after?.serialized() ?? "(absent)"
        guard action != .create else { return "\(change.path): \(after)" }
        return "\(change.path): \(change.before?.serialized() ?? "(absent)") → \(after)"
    }
}

extension String {
    /// Safe inside a markdown table cell.
    fileprivate var replacingPipes: String {
        split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
