extension String {
    /// The text with every character that could steer a terminal written as an escape: C0 controls, DEL,
    /// C1 controls and the Unicode bidirectional controls become `\u{1B}` (tab, line feed and carriage
    /// return `\t`, `\n`, `\r`). For text from git or the cluster — commit subjects, author names, file
    /// names, kubectl messages — before it reaches a terminal, a log line or a report.
    public var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: Self.needsEscape) else { return self }
        var escaped = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            switch scalar {
            case "\t": escaped.append(contentsOf: #"\t"#.unicodeScalars)
            case "\n": escaped.append(contentsOf: #"\n"#.unicodeScalars)
            case "\r": escaped.append(contentsOf: #"\r"#.unicodeScalars)
            case _ where Self.needsEscape(scalar):
                escaped.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    /// Like ``escapingControlCharacters`` line by line: line feeds stay, for messages made of several lines.
    public var escapingControlCharactersKeepingLines: String {
        split(separator: "\n", omittingEmptySubsequences: false).map { String($0).escapingControlCharacters }
            .joined(separator: "\n")
    }

    /// The text in double quotes with control characters escaped (and `"` as `\"`), for quoting a value
    /// from a manifest in a message.
    public var quotedForDisplay: String {
        "\"" + escapingControlCharacters.replacingAll("\"", with: "\\\"") + "\""
    }

    private func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F || value == 0x061C
    }
}
