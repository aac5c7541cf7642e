import Foundation
import MooringCore

extension ClusterError {
    /// Classifies one error kubectl printed (see ``KubectlOutput/errorEntries``) into a code, the details
    /// that go with it, and a message that says what to do next.
    init(kubectlError entry: String, command: KubectlCommand, exitCode: Int32?, object: ObjectIdentity? = nil) {
        let text = command.touchesSecrets ? Self.redactingValues(entry) : entry
        let code = Self.code(of: text)
        let conflicts = code == .conflict ? Self.fieldConflicts(in: text) : []
        let causes = code == .invalid ? Self.invalidCauses(in: text) : []
        let singleObject = command.objects.count == 1 ? command.objects.first : nil
        self.init(
            code: code,
            message: Self.advice(for: code, conflicts: conflicts, causes: causes, exitCode: exitCode, text: text),
            command: command.description,
            object: object ?? singleObject,
            conflicts: conflicts,
            causes: causes,
            exitCode: exitCode,
            details: Self.trimmed(text)
        )
    }

    private static let classifiers: [(Code, [String])] = [
        (
            .unreachable,
            [
                "was refused - did you specify the right host", "Unable to connect to the server",
                "connection refused", "no such host", "dial tcp", "i/o timeout", "x509:", "tls:",
                "connection reset by peer", "server misbehaving", "TLS handshake",
            ]
        ),
        (.unauthorized, ["You must be logged in to the server", "(Unauthorized)"]),
        (.forbidden, ["(Forbidden)", " is forbidden: "]),
        (
            .conflict,
            ["Apply failed with", "(Conflict)", "(AlreadyExists)", "the object has been modified", "already exists"]
        ),
        (
            .unknownKind,
            [
                "the server doesn't have a resource type", "no matches for kind", "resource mapping not found",
                "the server could not find the requested resource",
            ]
        ),
        (.notFound, ["(NotFound)", " not found"]),
        (.invalid, ["(Invalid)", " is invalid", "(BadRequest)", "strict decoding error", "error validating"]),
    ]

    private static func code(of text: String) -> Code {
        for (code, markers) in classifiers where markers.contains(where: { text.contains($0) }) {
            return code
        }
        return .failed
    }

    private static func advice(
        for code: Code,
        conflicts: [FieldConflict],
        causes: [String],
        exitCode: Int32?,
        text: String
    ) -> String {
        switch code {
        case .unreachable:
            return "the API server could not be reached (\(firstLine(of: text))); check the server address, "
                + "the network and the TLS settings in the kubeconfig"
        case .unauthorized:
            return "the API server rejected the credentials; renew the token or client certificate in the kubeconfig"
        case .forbidden:
            return "the credentials lack permission (\(firstLine(of: text))); grant the RBAC rule it names"
        case .conflict where !conflicts.isEmpty:
            let owners = conflicts.map(\.description).joined(separator: "; ")
            return "fields are owned by another field manager (\(owners)); leave them out of the manifest, "
                + "or apply with force to take them over"
        case .conflict:
            return "the object changed or exists already (\(firstLine(of: text))); read it again and retry"
        case .invalid:
            let reasons = causes.isEmpty ? firstLine(of: text) : causes.joined(separator: "; ")
            return "the API server refused the object as invalid (\(reasons)); fix the manifest"
        case .notFound:
            return "the object or its namespace does not exist (\(firstLine(of: text)))"
        case .unknownKind:
            return
                "the cluster serves no such kind (\(firstLine(of: text))); install its CustomResourceDefinition first"
        default:
            return "kubectl exited with status \(exitCode.map(String.init) ?? "?"): \(firstLine(of: text))"
        }
    }

    /// Parses `Apply failed with 1 conflict: conflict with "kubectl-scale" with subresource "scale" using
    /// apps/v1: .spec.replicas` and the multi-conflict form (`conflicts with "m" using apps/v1:` followed by
    /// `- .spec.replicas` lines).
    static func fieldConflicts(in text: String) -> [FieldConflict] {
        var conflicts: [FieldConflict] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("- "), !conflicts.isEmpty {
                conflicts[conflicts.count - 1].fields.append(String(trimmed.dropFirst(2)))
                continue
            }
            guard let withRange = trimmed.range(of: "with \""),
                trimmed.contains("conflict with \"") || trimmed.contains("conflicts with \"")
            else { continue }
            let afterQuote = trimmed[withRange.upperBound...]
            guard let closing = afterQuote.firstIndex(of: "\"") else { continue }
            let manager = String(afterQuote[..<closing])
            let rest = afterQuote[afterQuote.index(after: closing)...]
            var subresource: String?
            if let subRange = rest.range(of: "with subresource \""),
                let end = rest[subRange.upperBound...].firstIndex(of: "\"")
            {
                subresource = String(rest[subRange.upperBound..<end])
            }
            var fields: [String] = []
            if let separator = rest.range(of: ": .", options: .backwards) {
                fields = [String(rest[rest.index(before: separator.upperBound)...])]
            }
            conflicts.append(FieldConflict(manager: manager, subresource: subresource, fields: fields))
        }
        return conflicts
    }

    /// The causes of an Invalid error: `* field: reason` lines, or the bracketed or single cause after
    /// `is invalid: `.
    static func invalidCauses(in text: String) -> [String] {
        let bulleted = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
            $0.hasPrefix("* ")
        }
        if !bulleted.isEmpty { return bulleted.map { String($0.dropFirst(2)) } }
        guard let range = text.range(of: "is invalid: ") else { return [] }
        let rest = firstLine(of: String(text[range.upperBound...]))
        if rest.hasPrefix("["), rest.hasSuffix("]") {
            // Go joins an aggregate with ", ", which causes may contain too: a new cause starts with `field: `.
            var causes: [String] = []
            for part in rest.dropFirst().dropLast().components(separatedBy: ", ") {
                let head = part.prefix { $0 != ":" }
                if causes.isEmpty || (head.count < part.count && !head.contains(" ")) {
                    causes.append(part)
                } else {
                    causes[causes.count - 1] += ", " + part
                }
            }
            return causes
        }
        return rest.isEmpty ? [] : [rest]
    }

    /// Replaces quoted values after `Invalid value: ` so that a Secret's content never reaches an error.
    static func redactingValues(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        let marker = "Invalid value: \""
        while let range = rest.range(of: marker) {
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            var index = rest.startIndex
            while index < rest.endIndex, rest[index] != "\"" {
                if rest[index] == "\\" { index = rest.index(after: index) }
                guard index < rest.endIndex else { break }
                index = rest.index(after: index)
            }
            result += "<redacted>"
            rest = rest[index...]
        }
        return result + rest
    }

    private static func firstLine(of text: String) -> String {
        let line = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        return line.hasPrefix("error: ") ? String(line.dropFirst(7)) : line
    }

    /// The error without kubectl's advice paragraph, at most 20 lines and 4,000 characters.
    private static func trimmed(_ text: String) -> String {
        var body = text
        if let advice = body.range(of: "\nPlease review the fields above") { body = String(body[..<advice.lowerBound]) }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).prefix(20)
        let joined = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return joined.count > 4000 ? String(joined.prefix(4000)) + "…" : joined
    }
}
