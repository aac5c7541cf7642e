public import MooringCore

/// One kubectl invocation: its arguments (after the global flags) and what it concerns, for logs and errors.
///
/// The arguments never carry object content: manifests travel in files (see ``ManifestFile``).
public struct KubectlCommand: Sendable, Hashable, CustomStringConvertible {
    /// The kubectl verb (`apply`, `get`, `delete`, …) — the first argument.
    public var verb: String { arguments.first ?? "" }
    /// The arguments after the global flags, starting with the verb.
    public var arguments: [String]
    /// The objects the command concerns, when known.
    public var objects: [ObjectIdentity]
    /// A file whose content is kubectl's standard input; `nil` gives it none.
    public var standardInputFile: String?

    public init(_ arguments: [String], objects: [ObjectIdentity] = [], standardInputFile: String? = nil) {
        self.arguments = arguments
        self.objects = objects
        self.standardInputFile = standardInputFile
    }

    /// `kubectl apply --server-side -f <file> (2 objects: Deployment.apps ml/a, Service ml/a)`: the
    /// arguments with manifest paths elided, and at most three objects; never any object content.
    public var description: String {
        var shownArguments: [String] = []
        for argument in arguments {
            shownArguments.append(shownArguments.last == "-f" ? "<file>" : argument)
        }
        var text = "kubectl " + shownArguments.joined(separator: " ")
        guard !objects.isEmpty else { return text }
        let shown = objects.prefix(3).map(\.description).joined(separator: ", ")
        let more = objects.count > 3 ? ", …" : ""
        text += objects.count == 1 ? " (\(shown))" : " (\(objects.count) objects: \(shown)\(more))"
        return text
    }

    /// Whether the command concerns a Secret, whose values must never reach logs or error text.
    var touchesSecrets: Bool { objects.contains { $0.group.isEmpty && $0.kind == "Secret" } }
}
