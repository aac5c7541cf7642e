import Foundation
import MooringCore

/// Alertmanager's API v2 `POST /api/v2/alerts` body (`postableAlerts` in its OpenAPI document), checked strictly:
/// an array of `postableAlert` objects with no other keys than `labels` (required: a non-empty map of label names to
/// non-empty strings), `annotations` (the same, may be empty), `startsAt` and `endsAt` (RFC 3339 date-times,
/// `endsAt` not before `startsAt`) and `generatorURL` (an absolute URI).
enum AlertmanagerSchema {
    static let alertKeys: Set<String> = ["labels", "annotations", "startsAt", "endsAt", "generatorURL"]

    /// Why `body` is not a valid `postableAlerts`, or `nil` when it is.
    @Sendable static func problem(in body: String) -> String? {
        guard let value = try? JSONValue.parse(body) else { return "not JSON" }
        guard let alerts = value.arrayValue else { return "not an array" }
        guard !alerts.isEmpty else { return "no alerts" }
        for (index, alert) in alerts.enumerated() {
            if let problem = problem(inAlert: alert) { return "alert \(index): \(problem)" }
        }
        return nil
    }

    private static func problem(inAlert alert: JSONValue) -> String? {
        guard let members = alert.objectValue else { return "not an object" }
        if let unknown = Set(members.keys).subtracting(alertKeys).sorted().first { return "unknown key \(unknown)" }
        guard let labels = members["labels"] else { return "no labels" }
        if let problem = problem(inLabelSet: labels, requireOne: true) { return "labels: \(problem)" }
        if let annotations = members["annotations"], let problem = problem(inLabelSet: annotations, requireOne: false) {
            return "annotations: \(problem)"
        }
        var times: [String: Date] = [:]
        for key in ["startsAt", "endsAt"] {
            guard let member = members[key] else { continue }
            guard let text = member.stringValue, let date = date(text) else { return "\(key) is not RFC 3339" }
            times[key] = date
        }
        if let starts = times["startsAt"], let ends = times["endsAt"], ends < starts {
            return "endsAt before startsAt"
        }
        if let url = members["generatorURL"] {
            guard let text = url.stringValue, URL(string: text)?.scheme != nil else { return "generatorURL not a URI" }
        }
        return nil
    }

    private static func problem(inLabelSet value: JSONValue, requireOne: Bool) -> String? {
        guard let members = value.objectValue else { return "not a map" }
        if requireOne, members.isEmpty { return "empty" }
        for (name, member) in members {
            guard name.wholeMatch(of: /[a-zA-Z_][a-zA-Z0-9_]*/) != nil else { return "bad name \(name)" }
            guard let text = member.stringValue, !text.isEmpty else { return "\(name) is not a non-empty string" }
        }
        return nil
    }

    /// An RFC 3339 date-time, with or without fractional seconds.
    static func date(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return plain.date(from: text) ?? fractional.date(from: text)
    }
}
