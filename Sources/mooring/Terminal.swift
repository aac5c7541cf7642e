import Glibc

/// Writing to the terminal: stderr for diagnostics, colour only when stderr is a terminal.
enum Terminal {
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static func error(_ message: String) { write("error: ", message, colour: "31") }
    static func warn(_ message: String) { write("warning: ", message, colour: "33") }
    static func note(_ message: String) { write("", message, colour: nil) }

    private static func write(_ prefix: String, _ message: String, colour: String?) {
        let text: String
        if let colour, stderrIsTerminal {
            text = "\u{1B}[\(colour)m\(prefix)\u{1B}[0m\(message)\n"
        } else {
            text = "\(prefix)\(message)\n"
        }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
