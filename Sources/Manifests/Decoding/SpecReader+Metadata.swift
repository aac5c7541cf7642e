import MooringCore

extension SpecReader {
    /// The top level and `metadata` of a Mooring kind: name (checked against `rule`), namespace, labels, annotations.
    mutating func readMetadata(
        nameRule: NameRule
    ) -> (name: String, namespace: String?, labels: [String: String], annotations: [String: String])? {
        _ = object(at: .root, known: ["apiVersion", "kind", "metadata", "spec"])
        _ = object(at: "metadata", known: ["name", "namespace", "labels", "annotations"], required: true)
        let (labels, annotations) = labelsAndAnnotations()
        let namespace = string(at: "metadata.namespace")
        guard let name = string(at: "metadata.name", required: true) else { return nil }
        if let problem = nameRule.problem(with: name) {
            report(.invalidName, at: "metadata.name", "name \"\(name)\" is not \(nameRule.title): it \(problem)")
        }
        return (name, namespace?.isEmpty == true ? nil : namespace, labels, annotations)
    }

    /// `metadata.labels` and `metadata.annotations`: string maps whose keys (and label values) follow
    /// Kubernetes' syntax; a key or value outside it is reported (`invalid-label`) and left out.
    mutating func labelsAndAnnotations() -> (labels: [String: String], annotations: [String: String]) {
        var labels = stringMap(at: "metadata.labels")
        var annotations = stringMap(at: "metadata.annotations")
        for (section, keys) in [("labels", labels.keys.sorted()), ("annotations", annotations.keys.sorted())] {
            for key in keys {
                let path = FieldPath.root.appending("metadata").appending(section).appending(key)
                var problem = KubernetesSyntax.metadataKeyProblem(key).map { "the key \($0)" }
                if problem == nil, section == "labels", let value = labels[key] {
                    problem = KubernetesSyntax.labelValueProblem(value).map { "the value \($0)" }
                }
                guard let problem else { continue }
                report(.invalidLabel, at: path, "\(section) entry \(key.quotedForDisplay): \(problem)")
                if section == "labels" { labels[key] = nil } else { annotations[key] = nil }
            }
        }
        return (labels, annotations)
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
