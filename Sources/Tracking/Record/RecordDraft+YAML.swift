import Manifests
import MooringCore

extension RecordDraft {
    /// The record as the YAML file `models/<model>/versions/<version>.yaml`: the layout of a hand-written record,
    /// keys sorted, every string quoted (JSON's double-quoted strings are YAML), so the text is deterministic.
    public var yaml: String {
        var lines = [
            "# Recorded by mooring record from an MLflow run (see metadata.annotations).",
            "# Immutable once merged: a new model is a new version.",
            "apiVersion: mooring.dev/v1",
            "kind: ModelVersion",
            "metadata:",
            "  name: \(Self.key(record.name))",
        ]
        if !annotations.isEmpty {
            lines.append("  annotations:")
            for (key, value) in annotations.sorted(by: { $0.key < $1.key }) {
                lines.append("    \(Self.key(key)): \(JSONValue.string(value).serialized())")
            }
        }
        lines += [
            "spec:",
            "  model: \(JSONValue.string(record.model).serialized())",
            "  version: \(JSONValue.string(record.version).serialized())",
            "  artifact:",
            "    uri: \(JSONValue.string(record.artifact.uri).serialized())",
        ]
        if let digest = record.artifact.digest {
            lines.append("    digest: \(JSONValue.string(digest).serialized())")
        } else {
            lines.append("    noDigest: \(JSONValue.string(record.artifact.noDigest ?? "").serialized())")
        }
        if let code = record.code {
            lines += [
                "  code:",
                "    repo: \(JSONValue.string(code.repo).serialized())",
                "    commit: \(JSONValue.string(code.commit).serialized())",
            ]
        }
        if !record.data.isEmpty {
            lines.append("  data:")
            for dataset in record.data {
                let fields = [("role", dataset.role), ("name", dataset.name), ("digest", dataset.digest)]
                let text = fields.map { "\($0.0): \(JSONValue.string($0.1).serialized())" }.joined(separator: ", ")
                lines.append("    - {\(text)}")
            }
        }
        Self.appendMap("hyperparameters", record.hyperparameters, to: &lines)
        Self.appendMap("metrics", record.metrics.mapValues { JSONValue.double($0) }, to: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func appendMap(_ name: String, _ values: [String: JSONValue], to lines: inout [String]) {
        guard !values.isEmpty else { return }
        lines.append("  \(name):")
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            lines.append("    \(Self.key(key)): \(value.serialized())")
        }
    }

    /// A mapping key: plain when YAML reads it back as the same string, quoted otherwise.
    private static func key(_ text: String) -> String {
        let plainWords: Set<String> = [
            "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False",
            "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
        ]
        let isPlain =
            text.first.map { $0.isASCII && $0.isLetter } == true
            && text.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || [UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/")].contains(byte)
            }
            && !plainWords.contains(text)
        return isPlain ? text : JSONValue.string(text).serialized()
    }
}
