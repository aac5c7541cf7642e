import Foundation
import Glibc
import Sync

/// What `mooring demo` prints on standard output: numbered steps, the commands a person would type, and
/// Mooring's own output; in colour when asked (the CLI asks on a terminal, and not under `NO_COLOR`).
///
/// Every line is flushed at once, so a pipe or a file sees the story as it happens.
struct DemoConsole: Sendable {
    let colour: Bool
    /// With `--pause`: what waits for Enter before each step but the first.
    let pause: DemoPause?

    init(pausing: Bool, colour: Bool) {
        self.colour = colour
        pause = pausing ? DemoPause() : nil
    }

    /// A step's heading, after Enter with `--pause`.
    func step(_ number: Int, _ title: String) async throws {
        if let pause, number > 1 {
            emit(styled("(press Enter for step \(number))", "2"))
            try await pause.waitForEnter()
        }
        emit("\n" + styled("\(number). \(title)", "1"))
    }

    /// What a person would type, as a shell prompt.
    func command(_ text: String) {
        emit(styled("$ \(text)", "36"))
    }

    /// Narration or a program's output, as is.
    func say(_ text: String) {
        emit(text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }

    /// A sync event as `mooring sync` logs it on a terminal: its stable name, then its message.
    func event(_ event: SyncEvent) {
        let colourCode: String? =
            switch event.severity {
            case .info: nil
            case .warning: "33"
            case .error: "31"
            }
        let name = colourCode.map { styled("[\(event.name)]", $0) } ?? "[\(event.name)]"
        emit("\(name) \(event.message)")
    }

    /// Writes what commands shared with the demo printed with `print`.
    func flush() {
        fflush(nil)
    }

    private func styled(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func emit(_ line: String) {
        print(line)
        fflush(nil)
    }
}
