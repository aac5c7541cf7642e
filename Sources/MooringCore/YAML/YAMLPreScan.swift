/// A lexical pass over YAML text that runs before Yams composes it, refusing what would make
/// composition itself hang or overflow the stack: Yams hashes mapping keys recursively (an alias
/// to a large shared tree used as a key never finishes) and composes nested collections by
/// recursion. The pass is conservative; the precise limits are enforced during conversion.
struct YAMLPreScan {
    struct Finding: Error {
        var code: YAMLError.Code
        var line: Int
        var message: String
    }

    private let bytes: [UInt8]
    private let maxDepth: Int

    init(_ text: String, maxDepth: Int) {
        self.bytes = Array(text.utf8)
        self.maxDepth = maxDepth
    }

    /// Throws when the text nests too deeply or uses an alias where it could become a key.
    func check() throws(Finding) {
        var line = 1
        var index = 0
        var flowDepth = 0
        var indentStack: [Int] = []
        var sawAlias = false
        var complexKeyLine: Int?
        var atLineStart = true
        var blockScalarIndent: Int?  // inside a block scalar whose parent line had this indent
        var lineIndent = 0

        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        // A token starts at the beginning of the text, after a blank, or at the start of a line: a
        // line-start check matters, as `*big : x` at column 0 makes an alias a key.
        func startsToken(_ position: Int) -> Bool {
            position == 0 || isBlank(bytes[position - 1]) || bytes[position - 1] == 0x0A || bytes[position - 1] == 0x0D
        }
        func isBreakOrEnd(_ position: Int) -> Bool {
            position >= bytes.count || bytes[position] == 0x0A || bytes[position] == 0x0D
        }
        func followedByKeyColon(_ position: Int) -> Bool {
            var cursor = position
            while cursor < bytes.count, isBlank(bytes[cursor]) { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") else { return false }
            let next = cursor + 1
            return isBreakOrEnd(next) || isBlank(bytes[next])
                || (flowDepth > 0 && [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[next]))
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                index += 1
                atLineStart = true
                continue
            }
            if atLineStart {
                // Measure indentation; decide whether this line is block-scalar content.
                var cursor = index
                while cursor < bytes.count, bytes[cursor] == 0x20 { cursor += 1 }
                let indent = cursor - index
                let blankLine = isBreakOrEnd(cursor)
                if let parentIndent = blockScalarIndent {
                    if blankLine || indent > parentIndent {
                        index = skipToLineEnd(from: cursor)
                        continue
                    }
                    blockScalarIndent = nil
                }
                atLineStart = false
                index = cursor
                lineIndent = indent
                if blankLine || bytes[cursor] == UInt8(ascii: "#") { continue }
                if flowDepth == 0 {
                    while let top = indentStack.last, top >= indent { indentStack.removeLast() }
                    indentStack.append(indent)
                    // Each "- " (or "? ") indicator at the start of a line opens one more level.
                    var probe = cursor
                    while probe + 1 < bytes.count,
                        bytes[probe] == UInt8(ascii: "-") || bytes[probe] == UInt8(ascii: "?"),
                        isBlank(bytes[probe + 1])
                    {
                        probe += 2
                        while probe < bytes.count, isBlank(bytes[probe]) { probe += 1 }
                        indentStack.append(indent + (probe - cursor))
                    }
                    if indentStack.count > maxDepth {
                        throw Finding(code: .tooDeep, line: line, message: "nesting deeper than \(maxDepth) levels")
                    }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "#") where startsToken(index):
                index = skipToLineEnd(from: index)
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let tokenStart =
                    startsToken(index)
                    || [UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "-")]
                        .contains(bytes[index - 1])
                guard tokenStart else {
                    index += 1
                    continue
                }
                index = skipQuoted(from: index, line: &line)
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flowDepth += 1
                if flowDepth + indentStack.count > maxDepth {
                    throw Finding(code: .tooDeep, line: line, message: "nesting deeper than \(maxDepth) levels")
                }
                index += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flowDepth = max(0, flowDepth - 1)
                index += 1
                if followedByKeyColon(index) { complexKeyLine = complexKeyLine ?? line }
            case UInt8(ascii: "?") where isBreakOrEnd(index + 1) || isBlank(bytes[index + 1]):
                complexKeyLine = complexKeyLine ?? line
                index += 1
            case UInt8(ascii: "*")
            where startsToken(index)
                || [UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ",")].contains(bytes[index - 1]):
                var cursor = index + 1
                while cursor < bytes.count, isAnchorCharacter(bytes[cursor]) { cursor += 1 }
                if cursor > index + 1 {
                    sawAlias = true
                    if followedByKeyColon(cursor) { complexKeyLine = complexKeyLine ?? line }
                }
                index = cursor
            case UInt8(ascii: "|"), UInt8(ascii: ">"):
                // A block scalar indicator ends its line (apart from modifiers and a comment).
                var cursor = index + 1
                while cursor < bytes.count,
                    bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "+")
                        || (bytes[cursor] >= UInt8(ascii: "1") && bytes[cursor] <= UInt8(ascii: "9"))
                {
                    cursor += 1
                }
                while cursor < bytes.count, isBlank(bytes[cursor]) { cursor += 1 }
                if flowDepth == 0, isBreakOrEnd(cursor) || bytes[cursor] == UInt8(ascii: "#") {
                    blockScalarIndent = lineIndent
                    index = skipToLineEnd(from: cursor)
                } else {
                    index += 1
                }
            default:
                index += 1
            }
        }
        if sawAlias, let complexKeyLine {
            throw Finding(
                code: .unsupported,
                line: complexKeyLine,
                message: "a document that uses aliases may not use aliases or collections as mapping keys"
            )
        }
    }

    private func isAnchorCharacter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-")
    }

    private func skipToLineEnd(from start: Int) -> Int {
        var cursor = start
        while cursor < bytes.count, bytes[cursor] != 0x0A { cursor += 1 }
        return cursor
    }

    /// Skips a quoted scalar (which may span lines), counting the lines it spans.
    private func skipQuoted(from start: Int, line: inout Int) -> Int {
        let quote = bytes[start]
        var cursor = start + 1
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == 0x0A { line += 1 }
            if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                cursor += 2
                continue
            }
            if byte == quote {
                if quote == UInt8(ascii: "'"), cursor + 1 < bytes.count, bytes[cursor + 1] == quote {
                    cursor += 2
                    continue
                }
                return cursor + 1
            }
            cursor += 1
        }
        return cursor
    }
}
