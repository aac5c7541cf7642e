import MooringCore

extension SpecReader {
    /// The top level and `metadata` of a Mooring kind: name (checked against `rule`), namespace, labels, annotations.
    mutating func readMetadata(
        nameRule: NameRule
    ) -> (name: String, namespace: String?, labels: [String: String], annotations: [String: String])? {
        _ = object(at: .root, known: ["apiVersion", "kind", "metadata", "spec"])
        _ = object(at: "metadata", known: ["name", "namespace", "labels", "annotations"], required: true)
        let labels = stringMap(at: "metadata.labels")
        let annotations = stringMap(at: "metadata.annotations")
        let namespace = string(at: "metadata.namespace")
        guard let name = string(at: "metadata.name", required: true) else { return nil }
        if let problem = nameRule.problem(with: name) {
            report(.invalidName, at: "metadata.name", "name \"\(name)\" is not \(nameRule.title): it \(problem)")
        }
        return (name, namespace?.isEmpty == true ? nil : namespace, labels, annotations)
    }

    /// A version string (`"13"`): required, a valid label value since it becomes one.
    mutating func version(at path: FieldPath) -> String? {
        guard let text = string(at: path, required: true, hint: "write the version in quotes") else { return nil }
        guard NameRule.isLabelValue(text) else {
            report(
                .invalidValue,
                at: path,
                "version \"\(text)\" must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"
            )
            return nil
        }
        return text
    }
}
