import Foundation
import MooringCore

/// A parsed `labelSelector` (equality- and set-based) or `fieldSelector` query.
struct LabelSelector: Sendable {
    enum Requirement: Sendable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case notExists(String)
    }

    var requirements: [Requirement]

    /// Parses `app=x,tier!=db,env in (a,b),!legacy,track`.
    init(parsing text: String) throws(StatusError) {
        requirements = []
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(current) }
        for raw in parts {
            let part = raw.trimmingWhitespace
            guard !part.isEmpty else { continue }
            requirements.append(try Self.requirement(part, in: text))
        }
    }

    private static func requirement(_ part: String, in text: String) throws(StatusError) -> Requirement {
        if let range = part.range(of: "!=") {
            return .notEquals(
                String(part[..<range.lowerBound]).trimmingWhitespace,
                String(part[range.upperBound...]).trimmingWhitespace
            )
        }
        if let range = part.range(of: "==") {
            return .equals(
                String(part[..<range.lowerBound]).trimmingWhitespace,
                String(part[range.upperBound...]).trimmingWhitespace
            )
        }
        if let range = part.range(of: "=") {
            return .equals(
                String(part[..<range.lowerBound]).trimmingWhitespace,
                String(part[range.upperBound...]).trimmingWhitespace
            )
        }
        for (word, negated) in [(" notin ", true), (" in ", false)] {
            if let range = part.range(of: word) {
                let key = String(part[..<range.lowerBound]).trimmingWhitespace
                var values = String(part[range.upperBound...]).trimmingWhitespace
                guard values.hasPrefix("("), values.hasSuffix(")") else {
                    throw StatusError.badRequest("unable to parse requirement: found '\(values)', expected: '('")
                }
                values = String(values.dropFirst().dropLast())
                let set = Set(values.split(separator: ",").map { String($0).trimmingWhitespace })
                return negated ? .notIn(key, set) : .isIn(key, set)
            }
        }
        if part.hasPrefix("!") { return .notExists(String(part.dropFirst()).trimmingWhitespace) }
        guard !part.contains(" ") else {
            throw StatusError.badRequest("unable to parse requirement: invalid selector \"\(text)\"")
        }
        return .exists(part)
    }

    /// Whether `labels` satisfy every requirement.
    func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): return labels[key] == value
            case .notEquals(let key, let value): return labels[key] != value
            case .isIn(let key, let values): return labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): return !(labels[key].map(values.contains) ?? false)
            case .exists(let key): return labels[key] != nil
            case .notExists(let key): return labels[key] == nil
            }
        }
    }

    /// The labels of an object.
    static func labels(of object: JSONValue) -> [String: String] {
        (object["metadata"]?["labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    /// The fields a field selector may name: `metadata.name`, `metadata.namespace`, and a few per kind.
    static func fields(of object: JSONValue) -> [String: String] {
        var fields: [String: String] = [
            "metadata.name": object["metadata"]?["name"]?.stringValue ?? "",
            "metadata.namespace": object["metadata"]?["namespace"]?.stringValue ?? "",
        ]
        if let type = object["type"]?.stringValue { fields["type"] = type }
        if let phase = object["status"]?["phase"]?.stringValue { fields["status.phase"] = phase }
        return fields
    }
}

extension String {
    var trimmingWhitespace: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
