import Foundation
import MooringCore
import MooringDaemon

extension StatusDocument {
    /// How many recent events the text shows.
    static let textEventLimit = 5

    /// The status for a person at a terminal: one block per target, then the latest events.
    var text: String {
        var lines = ["mooring \(version): \(ready ? "ready" : "NOT READY (\(readiness))"); \(activity)"]
        for target in targets {
            var head = "\(target.name): \(target.outcome ?? "not synced yet")"
            if let at = target.lastSyncAt { head += " at \(Self.time(at))" }
            if let seconds = target.durationSeconds { head += String(format: " (%.1f s)", seconds) }
            lines.append(head)
            if let refused = target.refusedCommit { lines.append("  refused \(Self.line(refused))") }
            if let commit = target.commit {
                lines.append("  \(target.refusedCommit == nil ? "commit " : "serving") \(Self.line(commit))")
            }
            if let retry = target.retryAfter { lines.append("  retry   after \(Self.time(retry))") }
            if let cache = target.liveCache { lines.append("  cache   \(cache.summary(time: Self.time))") }
            for model in target.models {
                let canary = model.canaryServing.map { " + canary \($0)" } ?? ""
                lines.append("  model   \(model.namespace)/\(model.name) \(model.stable)\(canary)")
                lines += Self.guardrails(of: model)
            }
            for drift in target.drift {
                let managers = drift.managers.isEmpty ? "" : ", changed by \(drift.managers.joined(separator: ", "))"
                lines.append("  drift   \(drift.object) \(drift.fields.joined(separator: ", "))\(managers)")
            }
        }
        if !events.isEmpty {
            lines.append("recent events:")
            for event in events.prefix(Self.textEventLimit) {
                let target = event.target.map { "\($0) " } ?? ""
                lines.append("  \(Self.time(event.time)) \(target)[\(event.event)] \(event.message)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A model's canary analysis, each check's latest run, and its monitors, indented under the model.
    private static func guardrails(of model: Model) -> [String] {
        var lines: [String] = []
        if let analysis = model.analysis {
            lines.append("    analysis of \(analysis.version.escapingControlCharacters): \(analysis.summary)")
            lines += analysis.checks.map { "      check   \($0.summary)" }
        }
        lines += model.monitors.map { "    monitor \($0.summary)" }
        return lines
    }

    /// A commit's short id, subject and author.
    private static func line(_ commit: Commit) -> String {
        var line = String(commit.id.prefix(12))
        if let subject = commit.subject { line += " \(subject.escapingControlCharacters)" }
        if let author = commit.author { line += " (\(author.escapingControlCharacters))" }
        return line
    }

    private var activity: String {
        if syncing { return "syncing now" }
        return nextSyncAt.map { "next sync at \(Self.time($0))" } ?? "started \(Self.time(startedAt))"
    }

    private static func time(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
