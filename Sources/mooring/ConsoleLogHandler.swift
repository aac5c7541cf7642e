import Foundation
import Glibc
import Logging
import MooringCore

/// Log lines on stderr: readable on a terminal, JSON lines under systemd (or when asked), with the
/// stable `event` name of alerts as a field.
struct ConsoleLogHandler: LogHandler {
    enum Style: Sendable {
        case human(colour: Bool)
        case json
    }

    let label: String
    let style: Style
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    /// JSON under systemd (`JOURNAL_STREAM` set) or when stderr is not a terminal and `MOORING_LOG_FORMAT`
    /// says so; human otherwise.
    static func bootstrap(level: Logger.Level) {
        let environment = ProcessInfo.processInfo.environment
        let json =
            environment["MOORING_LOG_FORMAT"] == "json"
            || (environment["JOURNAL_STREAM"] != nil && environment["MOORING_LOG_FORMAT"] != "text")
        let style: Style = json ? .json : .human(colour: isatty(STDERR_FILENO) == 1)
        LoggingSystem.bootstrap { label in ConsoleLogHandler(label: label, style: style, logLevel: level) }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let line: String
        switch style {
        case .json:
            var object: [String: JSONValue] = [:]
            for (key, value) in merged { object[key] = .string("\(value)") }
            // FoundationEssentials' format style, not ISO8601DateFormatter: that one goes through ICU's date
            // formatter, whose data kept 3 MB more of the daemon resident (and cost a formatter per line).
            object["time"] = .string(Date().formatted(.iso8601))
            object["level"] = .string(event.level.rawValue)
            object["message"] = .string("\(event.message)")
            line = JSONValue.object(object).serialized()
        case .human(let colour):
            // Messages carry commit subjects, author names, file names and kubectl's words: nothing in them
            // may steer the terminal.
            var text = "\(event.message)".escapingControlCharactersKeepingLines
            if let name = merged["event"] { text = "[\(name)] " + text }
            if let target = merged["target"], "\(target)" != "default" { text = "\(target): " + text }
            let marker: (String, String)? =
                switch event.level {
                case .warning: ("warning: ", "33")
                case .error, .critical: ("error: ", "31")
                default: nil
                }
            if let (prefix, code) = marker {
                text = (colour ? "\u{1B}[\(code)m\(prefix)\u{1B}[0m" : prefix) + text
            }
            line = text
        }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
