/// Counting for `YAMLPreScan`: the nodes and documents Yams would compose, so a file made of a great many
/// tiny nodes is refused before composing (about 5 µs a node) begins.
///
/// Every scalar, alias and collection counts once (aliases are not expanded here; their expansion has its own
/// budget), and so does the empty node an entry indicator (`-`, `?`, `:`) or a document start leaves when no
/// node follows it (`- ` alone on a line, `key:` then a sibling key, `---` then `---`), which Yams composes
/// as a null. Anchors and tags only decorate the node after them. The count follows libyaml's tokens, so it
/// is close to the composer's node count; where it is not (a single-pair mapping in a flow list), it is lower
/// by at most one node per entry.
extension Scanner {
    /// Counts one node, refusing the file past `maxNodes`.
    mutating func countNode() throws(YAMLPreScan.Finding) {
        pendingNode = false
        nodeCount += 1
        guard nodeCount <= maxNodes else {
            throw YAMLPreScan.Finding(
                code: .tooManyNodes,
                document: max(documentCount - 1, 0),
                line: line,
                message: "the file holds more than \(maxNodes) YAML nodes, the limit for one file (split it)"
            )
        }
    }

    /// An entry indicator: counts the collection it opened, or the empty node a previous entry left, then
    /// waits for this entry's node.
    mutating func entry(opening opened: Bool) throws(YAMLPreScan.Finding) {
        if opened { try countNode() } else { try closeEntry() }
        pendingNode = true
        pendingLine = line
        pendingIndent = indent
    }

    /// The end of a flow entry or collection (`,`, `]`, `}`) or of a document: a node still pending is empty.
    mutating func closeEntry() throws(YAMLPreScan.Finding) {
        if pendingNode { try countNode() }
        pendingNode = false
    }

    /// At the first token of a line in block context: a pending node whose entry line has ended and whose
    /// block this token does not nest under (a sibling or an outer entry follows) is empty.
    mutating func settlePendingNode() throws(YAMLPreScan.Finding) {
        if pendingNode, line != pendingLine, column <= pendingIndent { try closeEntry() }
    }

    /// A `---` or the first token of an implicit document: ends the previous one and counts this one,
    /// refusing the file past `maxDocuments`. Its root is pending until a node comes.
    mutating func beginDocument() throws(YAMLPreScan.Finding) {
        try endDocument()
        documentCount += 1
        inDocument = true
        guard documentCount <= maxDocuments else {
            throw YAMLPreScan.Finding(
                code: .tooManyDocuments,
                document: documentCount - 1,
                line: line,
                message: "the file holds more than \(maxDocuments) YAML documents, the limit for one file (split it)"
            )
        }
        pendingNode = true
        pendingLine = line
        pendingIndent = -1
    }

    /// A `...`, or the end of the text: the open document's pending node, if any, is empty.
    mutating func endDocument() throws(YAMLPreScan.Finding) {
        if inDocument { try closeEntry() }
        inDocument = false
    }
}
