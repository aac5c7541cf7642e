import Foundation
import GitSource
import MooringCore

/// What `mooring source` prints: the commit, its author and time, and the files under the folder.
struct SourceReport {
    var poll: PollResult
    var snapshot: Snapshot

    var text: String {
        let commit = snapshot.commit
        var lines = [
            "commit     \(commit.id)",
            "author     \(commit.author.name.escapingControlCharacters) <\(commit.author.email.escapingControlCharacters)>",
            "date       \(Self.timestamp(commit.author))",
            "committer  \(commit.committer.name.escapingControlCharacters) "
                + "<\(commit.committer.email.escapingControlCharacters)> \(Self.timestamp(commit.committer))",
            "summary    \(commit.summary.escapingControlCharacters)",
            "fetched    " + (poll.fetched ? "yes (the branch moved since the last poll)" : "no (unchanged)"),
        ]
        let total = snapshot.files.reduce(0) { $0 + $1.bytes.count }
        let folder = snapshot.folder.isEmpty ? "the repository root" : snapshot.folder
        lines.append("")
        lines.append("\(snapshot.files.count) file(s) under \(folder), \(total) bytes:")
        let width = snapshot.files.map(\.bytes.count.description.count).max() ?? 1
        for file in snapshot.files {
            let size = String(file.bytes.count)
            lines.append(
                "  " + String(repeating: " ", count: width - size.count) + size + "  "
                    + file.path.escapingControlCharacters
            )
        }
        return lines.joined(separator: "\n")
    }

    var json: String {
        let commit = snapshot.commit
        let value: JSONValue = .object([
            "commit": .string(commit.id.hex),
            "author": person(commit.author),
            "committer": person(commit.committer),
            "message": .string(commit.message),
            "parents": .array(commit.parents.map { .string($0.hex) }),
            "fetched": .bool(poll.fetched),
            "folder": .string(snapshot.folder),
            "files": .array(
                snapshot.files.map { .object(["path": .string($0.path), "bytes": .int($0.bytes.count)]) }
            ),
        ])
        return value.serialized(pretty: true)
    }

    private func person(_ person: CommitPerson) -> JSONValue {
        .object([
            "name": .string(person.name), "email": .string(person.email),
            "time": .string(Self.timestamp(person)),
        ])
    }

    /// ISO 8601 in the time zone the person recorded.
    static func timestamp(_ person: CommitPerson) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: person.utcOffsetMinutes * 60)
        return formatter.string(from: person.time)
    }
}
