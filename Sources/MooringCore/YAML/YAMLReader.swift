// Folder MooringCore/YAML: the hardened YAML reader.

internal import Yams

/// Reads YAML streams (and JSON, which is YAML) into `JSONValue` documents with field lines,
/// the way kubectl reads manifests, within `YAMLLimits`.
public enum YAMLReader {
    /// Every document of `text`, empty ones included (as `.null`), in order.
    public static func documents(in text: String, limits: YAMLLimits = YAMLLimits()) throws(YAMLError) -> [YAMLDocument]
    {
        var aliasBudget = limits.maxAliasExpansion
        return try documents(in: text, limits: limits, aliasBudget: &aliasBudget)
    }

    /// Every document of `text`, with alias expansion also drawn from `aliasBudget`, which is shared by
    /// several texts (the files of one commit): the nodes aliases expand to here are taken from it.
    public static func documents(
        in text: String,
        limits: YAMLLimits,
        aliasBudget: inout Int
    ) throws(YAMLError) -> [YAMLDocument] {
        do {
            try YAMLPreScan(text, limits: limits).check()
        } catch {
            throw YAMLError(code: error.code, document: error.document, line: error.line, message: error.message)
        }
        let parser: Parser
        do {
            // An explicit encoding: Yams' default reads the environment on every call (slow) and prints to
            // stdout when YAMS_DEFAULT_ENCODING is set.
            parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
        } catch {
            throw convert(error, document: 0)
        }
        var documents: [YAMLDocument] = []
        // One budget for the whole stream, so many small documents cannot each spend a file-sized budget.
        var converter = YAMLConverter(
            maxDepth: limits.maxDepth,
            nodeBudget: limits.nodeBudget(forByteCount: text.utf8.count),
            aliasBudget: min(limits.maxAliasExpansion, aliasBudget)
        )
        let startingAliasBudget = converter.aliasBudget
        defer { aliasBudget -= startingAliasBudget - max(converter.aliasBudget, 0) }
        while true {
            let root: Node?
            do {
                root = try parser.nextRoot()
            } catch {
                throw convert(error, document: documents.count)
            }
            guard let root else { break }
            converter.startDocument(documents.count)
            let value = try converter.convert(root, at: .root, depth: 0, expanding: false)
            documents.append(
                YAMLDocument(
                    value: value,
                    index: documents.count,
                    line: root.mark?.line ?? 1,
                    fieldLines: converter.fieldLines
                )
            )
        }
        return documents
    }

    /// Yams errors carry a snippet of the document; keep only the problem and the position.
    private static func convert(_ error: any Error, document: Int) -> YAMLError {
        guard let yamlError = error as? YamlError else {
            return YAMLError(code: .syntax, document: document, line: 0, message: "unreadable YAML")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text), " } ?? ""
            return YAMLError(code: .syntax, document: document, line: mark.line, message: prefix + problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return YAMLError(
                code: .syntax,
                document: document,
                line: context.mark.line,
                message: "duplicate key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) in a mapping"
            )
        case .reader(let problem, _, _, _):
            return YAMLError(code: .syntax, document: document, line: 0, message: problem)
        default:
            return YAMLError(code: .syntax, document: document, line: 0, message: "unreadable YAML")
        }
    }
}

/// Walks a composed Yams tree into JSON, counting every node visited against a budget.
///
/// Yams resolves an alias to the very node its anchor names, so an alias bomb is a small tree
/// visited many times. A collection seen before (same position and type) is an alias expansion:
/// it and everything under it count against `aliasBudget`, which does not grow with the size of
/// the text, so a bomb is refused after a bounded amount of work however much padding surrounds it.
private struct YAMLConverter {
    /// A collection node's place in the text.
    private struct Position: Hashable {
        var line: Int
        var column: Int
        var isMapping: Bool
    }

    /// Deepest level whose field lines are recorded.
    static let maxRecordedDepth = 24

    let maxDepth: Int
    var nodeBudget: Int
    var aliasBudget: Int
    private(set) var document = 0
    private(set) var fieldLines: [FieldPath: Int] = [:]
    private var visited: Set<Position> = []

    init(maxDepth: Int, nodeBudget: Int, aliasBudget: Int) {
        self.maxDepth = maxDepth
        self.nodeBudget = nodeBudget
        self.aliasBudget = aliasBudget
    }

    /// Begins the next document of the stream; the budgets carry over.
    mutating func startDocument(_ index: Int) {
        document = index
        fieldLines = [:]
        visited = []
    }

    mutating func convert(
        _ node: Node,
        at path: FieldPath,
        depth: Int,
        expanding: Bool
    ) throws(YAMLError)
        -> JSONValue
    {
        let line = node.mark?.line ?? 0
        var expanding = expanding
        if !expanding, let mark = node.mark {
            switch node {
            case .sequence, .mapping:
                let position = Position(line: mark.line, column: mark.column, isMapping: node.mapping != nil)
                expanding = !visited.insert(position).inserted
            default:
                break
            }
        }
        if expanding {
            aliasBudget -= 1
            guard aliasBudget >= 0 else {
                throw failure(.tooManyNodes, line, "aliases expand to too many nodes (an alias bomb?)")
            }
        } else {
            nodeBudget -= 1
            guard nodeBudget >= 0 else {
                throw failure(.tooManyNodes, line, "the text has more nodes than the limit allows")
            }
        }
        guard depth <= maxDepth else { throw failure(.tooDeep, line, "nesting deeper than \(maxDepth) levels") }
        // Nodes reached through an alias keep no lines of their own: a problem there is reported at
        // the alias, the nearest ancestor with a line. Otherwise the first line recorded for a path
        // wins (merge keys revisit paths); `+= 0` through `default:` inserts with a single lookup.
        // Lines are kept for the first `maxRecordedDepth` levels (every field a diagnostic names is shallower);
        // deeper nodes report their nearest recorded ancestor, so deep nesting costs no path copies.
        let records = depth <= Self.maxRecordedDepth
        if !expanding, records, !path.isRoot { fieldLines[path, default: line] += 0 }
        switch node {
        case .scalar(let scalar):
            return try resolve(scalar, line: line)
        case .alias:
            throw failure(.unsupported, line, "unresolved alias")
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            elements.reserveCapacity(sequence.count)
            for (position, element) in sequence.enumerated() {
                elements.append(
                    try convert(
                        element,
                        at: records ? path.appending(index: position) : path,
                        depth: depth + 1,
                        expanding: expanding
                    )
                )
            }
            return .array(elements)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            var merged: [(Node, Int)] = []
            for (keyNode, valueNode) in mapping {
                if case .scalar(let keyScalar) = keyNode, keyScalar.style == .plain || keyScalar.style == .any,
                    keyScalar.string == "<<"
                {
                    merged.append((valueNode, keyNode.mark?.line ?? line))
                    continue
                }
                let key = try keyString(keyNode, line: keyNode.mark?.line ?? line)
                members[key] = try convert(
                    valueNode,
                    at: records ? path.appending(key) : path,
                    depth: depth + 1,
                    expanding: expanding
                )
            }
            for (source, mergeLine) in merged {
                try merge(source, into: &members, at: path, depth: depth, line: mergeLine, expanding: expanding)
            }
            return .object(members)
        }
    }

    /// `<<: *base` or `<<: [*a, *b]`: keys the mapping does not set itself come from the merged mappings.
    private mutating func merge(
        _ source: Node,
        into members: inout [String: JSONValue],
        at path: FieldPath,
        depth: Int,
        line: Int,
        expanding: Bool
    ) throws(YAMLError) {
        let sources: [Node]
        switch source {
        case .mapping: sources = [source]
        case .sequence(let sequence): sources = Array(sequence)
        default: throw failure(.unsupported, line, "a merge key (<<) must refer to a mapping or a list of mappings")
        }
        for candidate in sources {
            guard case .mapping = candidate else {
                throw failure(.unsupported, line, "a merge key (<<) must refer to a mapping or a list of mappings")
            }
            guard case .object(let extra) = try convert(candidate, at: path, depth: depth, expanding: expanding) else {
                continue
            }
            for (key, value) in extra where members[key] == nil { members[key] = value }
        }
    }

    private mutating func keyString(_ node: Node, line: Int) throws(YAMLError) -> String {
        guard case .scalar(let scalar) = node else {
            throw failure(.unsupported, line, "a mapping key must be a string, not a list or mapping")
        }
        switch try resolve(scalar, line: line) {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return "\(number)"
        case .bool(let flag): return flag ? "true" : "false"
        default: throw failure(.unsupported, line, "a mapping key must be a string, not null")
        }
    }

    private func resolve(_ scalar: Node.Scalar, line: Int) throws(YAMLError) -> JSONValue {
        do throws(YAMLScalarResolver.Unrepresentable) {
            let tagName = scalar.tag.rawValue
            if tagName.isEmpty || tagName == "?" {
                switch scalar.style {
                case .plain, .any: return try YAMLScalarResolver.resolvePlain(scalar.string)
                default: return .string(scalar.string)
                }
            }
            if tagName == "!" { return .string(scalar.string) }
            if let value = try YAMLScalarResolver.resolveTagged(scalar.string, tag: tagName) { return value }
            switch scalar.style {
            case .plain, .any: return try YAMLScalarResolver.resolvePlain(scalar.string)
            default: return .string(scalar.string)
            }
        } catch {
            throw failure(.unsupported, line, error.message)
        }
    }

    private func failure(_ code: YAMLError.Code, _ line: Int, _ message: String) -> YAMLError {
        YAMLError(code: code, document: document, line: line, message: message)
    }
}
