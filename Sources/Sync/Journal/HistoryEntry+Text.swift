import Foundation
import MooringCore

extension HistoryEntry {
    /// A few lines for a terminal: when, which commit, the outcome, then model changes and actions. Text from git
    /// and the cluster (author, subject, messages) is printed with control characters escaped.
    public var textLines: [String] {
        var lines: [String] = []
        var head =
            "\(Self.timestamp(time))  \(target)  \(commit.map { String($0.prefix(12)) } ?? "-")  \(result.rawValue)"
        if let author { head += "  \(author.escapingControlCharacters)" }
        if let subject { head += "  \"\(subject.escapingControlCharacters)\"" }
        lines.append(head)
        for change in models {
            let from = change.from?.summary ?? "(new)"
            let to = change.to?.summary ?? "(removed)"
            lines.append("    \(change.model) (\(change.namespace)): \(from) → \(to)")
        }
        let counts = [("created", created.count), ("updated", updated.count), ("pruned", pruned.count)]
            .filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }
        if !counts.isEmpty { lines.append("    " + counts.joined(separator: ", ")) }
        for record in drift {
            let who = record.managers.isEmpty ? "" : " by \(record.managers.joined(separator: ", "))"
            lines.append(
                "    drift (\(record.action)) \(record.object): \(record.fields.joined(separator: ", "))\(who)"
            )
        }
        if let message {
            lines += message.escapingControlCharactersKeepingLines.split(separator: "\n").map { "    \($0)" }
        }
        return lines
    }

    /// Whether this entry changed or concerns `model`.
    public func concerns(model: String) -> Bool {
        models.contains { $0.model == model }
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
