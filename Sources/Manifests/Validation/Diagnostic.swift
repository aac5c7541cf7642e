public import MooringCore

/// One problem found in a deploy folder: which rule it broke, where, and what a person should do about it.
///
/// Messages never quote the values of Secrets (or of any field Mooring does not itself define),
/// so a report can go to a pull request, a log or an alert as it is.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The rule that was broken; stable, so tools and tests can match on it.
    public var rule: Rule
    /// The file, relative to the deploy folder.
    public var file: String
    /// One-based line in `file`; 0 when the problem concerns the file as a whole.
    public var line: Int
    /// The field the problem is about, when there is one (`spec.gates[0].min`).
    public var field: FieldPath?
    /// What is wrong and, where it helps, how to fix it.
    public var message: String
    /// The object concerned, when the problem is about one.
    public var object: ObjectIdentity?

    public init(
        rule: Rule,
        file: String,
        line: Int,
        field: FieldPath? = nil,
        message: String,
        object: ObjectIdentity? = nil
    ) {
        self.rule = rule
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        self.object = object
    }

    /// `models/fraud/deployment.yaml:17: spec.gates[0].min: … [gate-failed]`
    public var description: String {
        var text = "\(file):\(line): "
        if let field { text += "\(field): " }
        return text + "\(message) [\(rule)]"
    }

    /// The order reports list diagnostics in: by file, then line, then rule and message.
    static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.line, lhs.rule.name, lhs.field?.description ?? "", lhs.message)
            < (rhs.file, rhs.line, rhs.rule.name, rhs.field?.description ?? "", rhs.message)
    }
}
