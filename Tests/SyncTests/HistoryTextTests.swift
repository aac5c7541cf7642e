import Foundation
import Sync
import Testing

@Suite("mooring history as text")
struct HistoryTextTests {
    @Test("a commit subject, author and message from git cannot steer the terminal: control characters are escaped")
    func controlCharactersEscaped() {
        let entry = HistoryEntry(
            time: Date(timeIntervalSince1970: 0),
            target: "default",
            commit: "0123456789abcdef",
            author: "Mallory \u{1B}]0;owned\u{07} <m@example.com>",
            subject: "fix \u{1B}[2J\u{1B}[Hclear the screen",
            result: .refused,
            message: "first line\nsecond \u{1B}[31mred"
        )
        let text = entry.textLines.joined(separator: "\n")
        #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" })
        #expect(text.contains(#"Mallory \u{1B}]0;owned\u{7} <m@example.com>"#))
        #expect(text.contains(#""fix \u{1B}[2J\u{1B}[Hclear the screen""#))
        #expect(entry.textLines.suffix(2) == ["    first line", #"    second \u{1B}[31mred"#])
    }
}
