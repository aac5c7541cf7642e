/// A lexical pass over YAML text that runs before Yams composes it, refusing what would make
/// composition itself hang or overflow the stack: Yams hashes every mapping key recursively while
/// composing (an alias to a large shared tree used as a key never finishes) and composes nested
/// collections by recursion.
///
/// The pass follows libyaml's scanner (the one Yams runs) token by token — where a token starts,
/// where a plain, quoted or block scalar ends, where comments start, the flow level and the block
/// indentation — so a quote or `#` inside a plain scalar hides nothing from it, and it sees an alias
/// in every place it can become a key: before a `:` (block or flow, with or without a space), as
/// an entry of a flow mapping (`{*a}`, `{x: 1, *a: 2}`), after `?`. Its work is linear in the text.
/// It also counts the nodes and documents Yams would compose (`YAMLPreScan+Counting.swift`) and refuses a
/// file with more than `YAMLLimits.maxNodesPerFile` or `maxDocumentsPerFile` before composing any of it.
/// The precise limits (node budget, alias expansion, depth) are enforced during conversion.
struct YAMLPreScan {
    struct Finding: Error {
        var code: YAMLError.Code
        /// Zero-based index of the document in the stream.
        var document = 0
        var line: Int
        var message: String
    }

    /// What a pass that found nothing to refuse counted.
    struct Counts: Equatable {
        var nodes: Int
        var documents: Int
    }

    private let bytes: [UInt8]
    private let limits: YAMLLimits

    init(_ text: String, limits: YAMLLimits) {
        self.bytes = Array(text.utf8)
        self.limits = limits
    }

    /// Throws when the text nests too deeply, holds more nodes or documents than one file may, uses an alias
    /// as a mapping key, or uses both aliases and collections (or `?` keys) as mapping keys.
    @discardableResult
    func check() throws(Finding) -> Counts {
        var scanner = Scanner(bytes: bytes, limits: limits)
        try scanner.run()
        if let line = scanner.aliasKeyLine {
            throw Finding(code: .unsupported, line: line, message: "an alias may not be used as a mapping key")
        }
        if scanner.aliasLine != nil, let line = scanner.complexKeyLine {
            throw Finding(
                code: .unsupported,
                line: line,
                message: "a document that uses aliases may not use collections or `?` entries as mapping keys"
            )
        }
        return Counts(nodes: scanner.nodeCount, documents: scanner.documentCount)
    }
}

/// The token-level walk behind `YAMLPreScan`; one instance scans one text once.
struct Scanner {
    /// What the previous token was, for deciding whether a `:` makes it a key.
    private enum Previous {
        case alias
        case collectionEnd
        case other
    }

    let bytes: [UInt8]
    let maxDepth: Int
    let maxNodes: Int
    let maxDocuments: Int
    private(set) var aliasLine: Int?
    private(set) var aliasKeyLine: Int?
    private(set) var complexKeyLine: Int?

    /// Nodes and documents counted so far (see `YAMLPreScan+Counting.swift`).
    var nodeCount = 0
    var documentCount = 0
    /// Whether a document is open (a token or `---` was seen since the start or the last `...`).
    var inDocument = false
    /// An entry indicator (`-`, `?`, `:`) or a document start is waiting for its node; if none comes, Yams
    /// still composes an empty one.
    var pendingNode = false
    /// Line and block indentation where the pending node was announced.
    var pendingLine = 0
    var pendingIndent = -1

    private(set) var index = 0
    private(set) var line = 1
    private var lineStart = 0
    /// One entry per open flow collection: true for a mapping.
    private var flow: [Bool] = []
    /// Columns of the open block collections, as libyaml's indentation stack.
    private var indents: [Int] = []
    private var keyAllowed = true
    /// Column and line where the current simple key candidate starts.
    private var keyColumn = 0
    private var keyLine = 0
    /// In a flow mapping, the next node is an entry's key.
    private var atFlowKey = false
    private var previous = Previous.other

    init(bytes: [UInt8], limits: YAMLLimits) {
        self.bytes = bytes
        self.maxDepth = limits.maxDepth
        self.maxNodes = limits.maxNodesPerFile
        self.maxDocuments = limits.maxDocumentsPerFile
    }

    var column: Int { index - lineStart }
    var indent: Int { indents.last ?? -1 }

    private func byte(at position: Int) -> UInt8? { position < bytes.count ? bytes[position] : nil }
    private func isBlank(_ byte: UInt8?) -> Bool { byte == 0x20 || byte == 0x09 }
    private func isBreak(_ byte: UInt8?) -> Bool { byte == 0x0A || byte == 0x0D }
    private func isBlankOrEnd(_ position: Int) -> Bool {
        let value = byte(at: position)
        return value == nil || isBlank(value) || isBreak(value)
    }
    private func isAnchorCharacter(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-")
    }

    mutating func run() throws(YAMLPreScan.Finding) {
        while true {
            skipToToken()
            guard let current = byte(at: index) else { return try endDocument() }
            if flow.isEmpty { try settlePendingNode() }
            if flow.isEmpty { unrollIndents(to: column) }
            if column == 0, isDocumentMarker(at: index) {
                if current == UInt8(ascii: "-") { try beginDocument() } else { try endDocument() }
                indents = []
                flow = []
                index += 3
                keyAllowed = true
                previous = .other
                continue
            }
            if column == 0, current == UInt8(ascii: "%") {
                skipToLineEnd()
                continue
            }
            try token(current)
        }
    }

    /// Reads one token starting at `index`, which is at `current`.
    private mutating func token(_ current: UInt8) throws(YAMLPreScan.Finding) {
        if !inDocument { try beginDocument() }
        switch current {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            startNode()
            try countNode()
            if atFlowKey { markComplexKey() }
            flow.append(current == UInt8(ascii: "{"))
            try checkDepth()
            atFlowKey = current == UInt8(ascii: "{")
            keyAllowed = true
            previous = .other
            index += 1
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            try closeEntry()
            if !flow.isEmpty { flow.removeLast() }
            atFlowKey = false
            keyAllowed = false
            previous = .collectionEnd
            index += 1
        case UInt8(ascii: ","):
            try closeEntry()
            atFlowKey = flow.last == true
            keyAllowed = true
            previous = .other
            index += 1
        case UInt8(ascii: "-") where isBlankOrEnd(index + 1):
            try entry(opening: flow.isEmpty ? try openBlock(at: column) : false)
            keyAllowed = true
            previous = .other
            index += 1
        case UInt8(ascii: "?") where !flow.isEmpty || isBlankOrEnd(index + 1):
            markComplexKey()
            try entry(opening: flow.isEmpty ? try openBlock(at: column) : false)
            atFlowKey = false
            keyAllowed = flow.isEmpty
            previous = .other
            index += 1
        case UInt8(ascii: ":") where !flow.isEmpty || isBlankOrEnd(index + 1):
            switch previous {
            case .alias: aliasKeyLine = aliasKeyLine ?? line
            case .collectionEnd: markComplexKey()
            case .other: break
            }
            try entry(opening: flow.isEmpty ? try openBlock(at: keyLine == line ? keyColumn : column) : false)
            atFlowKey = false
            keyAllowed = flow.isEmpty
            previous = .other
            index += 1
        case UInt8(ascii: "*"):
            startNode()
            try countNode()
            aliasLine = aliasLine ?? line
            if atFlowKey { aliasKeyLine = aliasKeyLine ?? line }
            atFlowKey = false
            index += 1
            while isAnchorCharacter(byte(at: index)) { index += 1 }
            previous = .alias
        case UInt8(ascii: "&"):
            startNode()
            index += 1
            while isAnchorCharacter(byte(at: index)) { index += 1 }
            previous = .other
        case UInt8(ascii: "!"):
            startNode()
            while let value = byte(at: index), !isBlank(value), !isBreak(value),
                !(value == UInt8(ascii: ",") && !flow.isEmpty)
            {
                index += 1
            }
            previous = .other
        case UInt8(ascii: "|") where flow.isEmpty, UInt8(ascii: ">") where flow.isEmpty:
            startNode()
            try countNode()
            atFlowKey = false
            skipBlockScalar()
            keyAllowed = true
            previous = .other
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            startNode()
            try countNode()
            atFlowKey = false
            skipQuoted()
            previous = .other
        default:
            startNode()
            try countNode()
            atFlowKey = false
            skipPlain()
            previous = .other
        }
    }

    /// A node-starting token: it may begin a simple key, if one is allowed here.
    private mutating func startNode() {
        if keyAllowed {
            keyColumn = column
            keyLine = line
        }
        keyAllowed = false
    }

    private mutating func markComplexKey() {
        complexKeyLine = complexKeyLine ?? line
    }

    /// A block collection starting at `column` (a `- `, a `? ` or a key), when it is deeper than the current one;
    /// returns whether one was opened.
    private mutating func openBlock(at column: Int) throws(YAMLPreScan.Finding) -> Bool {
        guard column > indent else { return false }
        indents.append(column)
        try checkDepth()
        return true
    }

    private func checkDepth() throws(YAMLPreScan.Finding) {
        if flow.count + indents.count > maxDepth {
            throw YAMLPreScan.Finding(code: .tooDeep, line: line, message: "nesting deeper than \(maxDepth) levels")
        }
    }

    private mutating func unrollIndents(to column: Int) {
        while let top = indents.last, top > column { indents.removeLast() }
    }

    private func isDocumentMarker(at position: Int) -> Bool {
        guard position + 2 < bytes.count else { return false }
        let marker = bytes[position]
        guard marker == UInt8(ascii: "-") || marker == UInt8(ascii: ".") else { return false }
        return bytes[position + 1] == marker && bytes[position + 2] == marker && isBlankOrEnd(position + 3)
    }

    /// Consumes a line break (`\r\n`, `\r` or `\n`), starting a new line.
    private mutating func consumeBreak() {
        if byte(at: index) == 0x0D, byte(at: index + 1) == 0x0A { index += 1 }
        index += 1
        line += 1
        lineStart = index
    }

    /// Blanks, comments and line breaks before the next token (libyaml's `scan_to_next_token`).
    private mutating func skipToToken() {
        while let current = byte(at: index) {
            if isBlank(current) || (index == 0 && current == 0xEF) {
                index += current == 0xEF ? 3 : 1
            } else if current == UInt8(ascii: "#") {
                skipToLineEnd()
            } else if isBreak(current) {
                consumeBreak()
                if flow.isEmpty { keyAllowed = true }
            } else {
                return
            }
        }
    }

    private mutating func skipToLineEnd() {
        while let current = byte(at: index), !isBreak(current) { index += 1 }
    }

    /// A single- or double-quoted scalar, which may span lines.
    private mutating func skipQuoted() {
        let quote = bytes[index]
        index += 1
        while let current = byte(at: index) {
            if isBreak(current) {
                consumeBreak()
                continue
            }
            if quote == UInt8(ascii: "\""), current == UInt8(ascii: "\\") {
                index += 1
                if isBreak(byte(at: index)) { consumeBreak() } else { index += 1 }
                continue
            }
            if current == quote {
                if quote == UInt8(ascii: "'"), byte(at: index + 1) == quote {
                    index += 2
                    continue
                }
                index += 1
                return
            }
            index += 1
        }
    }

    /// A plain scalar, which continues on following lines indented deeper than the block collection
    /// it is in (any line in a flow collection).
    private mutating func skipPlain() {
        let minimumColumn = indent + 1
        while index < bytes.count {
            if column == 0, isDocumentMarker(at: index) { return }
            if byte(at: index) == UInt8(ascii: "#") { return }
            while let current = byte(at: index), !isBlank(current), !isBreak(current) {
                if current == UInt8(ascii: ":"), isBlankOrEnd(index + 1) { return }
                if !flow.isEmpty {
                    if current == UInt8(ascii: ":"), let following = byte(at: index + 1),
                        ",?[]{}".utf8.contains(following)
                    {
                        return
                    }
                    if ",[]{}".utf8.contains(current) { return }
                }
                index += 1
            }
            guard let current = byte(at: index), isBlank(current) || isBreak(current) else { return }
            // Whitespace and breaks: the scalar goes on only if what follows is indented enough.
            let resume = index
            let resumeLine = line
            let resumeLineStart = lineStart
            var crossedLine = false
            while let value = byte(at: index), isBlank(value) || isBreak(value) {
                if isBreak(value) {
                    consumeBreak()
                    crossedLine = true
                } else {
                    index += 1
                }
            }
            if crossedLine, flow.isEmpty, column < minimumColumn {
                // Not part of the scalar: let the main loop read these breaks (they allow a key again).
                index = resume
                line = resumeLine
                lineStart = resumeLineStart
                return
            }
        }
    }

    /// A literal or folded block scalar: its header line, then every line indented at least as deep as
    /// its content (blank lines included), as libyaml reads it.
    private mutating func skipBlockScalar() {
        index += 1
        var increment = 0
        while let current = byte(at: index),
            current == UInt8(ascii: "+") || current == UInt8(ascii: "-")
                || (current >= UInt8(ascii: "1") && current <= UInt8(ascii: "9"))
        {
            if current >= UInt8(ascii: "1") { increment = Int(current - UInt8(ascii: "0")) }
            index += 1
        }
        skipToLineEnd()
        guard index < bytes.count else { return }
        var contentIndent = increment > 0 ? (indent >= 0 ? indent + increment : increment) : 0
        let minimumIndent = max(indent + 1, 1)
        while index < bytes.count {
            // At a line break: look at the next line.
            let breakPosition = index
            let breakLine = line
            let breakLineStart = lineStart
            consumeBreak()
            var spaces = 0
            while byte(at: index) == 0x20 {
                index += 1
                spaces += 1
            }
            let current = byte(at: index)
            if current == nil || isBreak(current) { continue }
            if contentIndent == 0 { contentIndent = max(spaces, minimumIndent) }
            if spaces < contentIndent {
                index = breakPosition
                line = breakLine
                lineStart = breakLineStart
                return
            }
            skipToLineEnd()
        }
    }
}
