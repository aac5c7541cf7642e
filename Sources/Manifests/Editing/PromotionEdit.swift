// Folder Manifests/Editing: edits Mooring writes into the folder (`mooring promote`).

/// The edit `mooring promote` makes to a ModelDeployment file: the canary version becomes `spec.stable` and
/// `spec.canary` is removed — only those lines change; comments, order and formatting stay as they are.
///
/// Works on the text, not on a re-serialised tree, so the pull request shows a two-line change. Handles
/// block-style `spec` mappings (the way the examples and `kubectl` users write them); a `spec` written in
/// flow style is refused with a message saying so.
public struct PromotionEdit: Sendable {
    /// Why the edit could not be made; the message says what to do instead.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The file's text.
    public var text: String
    /// The 1-based line where the ModelDeployment's document starts.
    public var documentLine: Int

    public init(text: String, documentLine: Int) {
        self.text = text
        self.documentLine = documentLine
    }

    /// The edited file and what changed in it.
    public struct Result: Sendable {
        /// The whole file after the edit.
        public var text: String
        /// The `stable:` line: its 1-based number, as it was and as it is.
        public var stableLine: (number: Int, before: String, after: String)
        /// The lines of the `canary:` entry, removed: the 1-based number of the first and their text.
        public var removedCanary: (first: Int, lines: [String])
    }

    /// The text with `canaryVersion` as stable and the canary block removed.
    public func promoting(_ canaryVersion: String) throws(Failure) -> Result {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let document = documentRange(in: lines)
        guard let spec = document.first(where: { Self.isEntry(lines[$0], key: "spec", indent: 0) }) else {
            throw Failure(description: "found no block-style `spec:` line in the document at line \(documentLine)")
        }
        guard Self.valueText(of: lines[spec]).isEmpty else {
            throw Failure(description: "spec at line \(spec + 1) is written in flow style; promote by hand")
        }
        let children = (spec + 1)..<document.upperBound
        guard let indent = children.lazy.compactMap({ Self.indentation(of: lines[$0]) }).first, indent > 0 else {
            throw Failure(description: "spec at line \(spec + 1) is empty")
        }
        let blockEnd = children.first { Self.indentation(of: lines[$0]).map { $0 < indent } ?? false }
        let block = (spec + 1)..<(blockEnd ?? document.upperBound)
        guard let stable = block.first(where: { Self.isEntry(lines[$0], key: "stable", indent: indent) }) else {
            throw Failure(description: "found no `stable:` line under spec at line \(spec + 1)")
        }
        guard let canary = block.first(where: { Self.isEntry(lines[$0], key: "canary", indent: indent) }) else {
            throw Failure(description: "the model has no `canary:` under spec at line \(spec + 1): nothing to promote")
        }
        let stableBefore = lines[stable]
        lines[stable] = Self.replacingValue(of: stableBefore, with: "\"\(canaryVersion)\"")
        let canaryLines = canary..<Self.end(ofEntryAt: canary, indent: indent, within: block, in: lines)
        let removed = Array(lines[canaryLines])
        lines.removeSubrange(canaryLines)
        return Result(
            text: lines.joined(separator: "\n"),
            stableLine: (stable + 1, stableBefore, lines[stable < canary ? stable : stable - canaryLines.count]),
            removedCanary: (canary + 1, removed)
        )
    }

    /// The line indices of the document that starts at `documentLine` (up to the next `---` or `...`).
    private func documentRange(in lines: [String]) -> Range<Int> {
        let start = max(0, min(documentLine - 1, lines.count))
        let end = lines[start...].indices.dropFirst().first {
            lines[$0].hasPrefix("---") || lines[$0].hasPrefix("...")
        }
        return start..<(end ?? lines.count)
    }

    /// One past the last line of the mapping entry at `line`: deeper-indented lines follow it, with blank or
    /// comment lines kept only when more of the entry comes after them.
    private static func end(ofEntryAt line: Int, indent: Int, within block: Range<Int>, in lines: [String]) -> Int {
        var end = line + 1
        var candidate = end
        while candidate < block.upperBound {
            guard let depth = indentation(of: lines[candidate]) else {
                candidate += 1
                continue
            }
            guard depth > indent else { break }
            candidate += 1
            end = candidate
        }
        return end
    }

    /// The indentation of a line with content; `nil` for blank and comment-only lines.
    static func indentation(of line: String) -> Int? {
        let content = line.drop { $0 == " " }
        guard let first = content.first, first != "#" else { return nil }
        return line.count - content.count
    }

    /// Whether the line is the mapping entry `key:` (with or without a value) at exactly `indent`.
    static func isEntry(_ line: String, key: String, indent: Int) -> Bool {
        guard indentation(of: line) == indent else { return false }
        let content = line.dropFirst(indent)
        guard content.hasPrefix(key + ":") else { return false }
        let after = content.dropFirst(key.count + 1)
        return after.isEmpty || after.first == " "
    }

    /// What follows `key:` on the line, without a trailing comment.
    static func valueText(of line: String) -> Substring {
        guard let colon = line.firstIndex(of: ":") else { return "" }
        let rest = line[line.index(after: colon)...]
        let value = rest.firstRange(of: " #").map { rest[..<$0.lowerBound] } ?? rest
        return value.drop { $0 == " " }
    }

    /// The line with its value replaced; the key and whatever follows the value (spacing, a comment) kept.
    static func replacingValue(of line: String, with value: String) -> String {
        guard let colon = line.firstIndex(of: ":") else { return line }
        let written = line[line.index(after: colon)...].drop { $0 == " " }
        let trailing = written.drop { $0 != " " }
        return "\(line[...colon]) \(value)\(trailing)"
    }
}
