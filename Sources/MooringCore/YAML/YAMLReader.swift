internal import Yams

/// Reads YAML streams (and JSON, which is YAML) into `JSONValue` documents with field lines,
/// the way kubectl reads manifests, within `YAMLLimits`.
public enum YAMLReader {
    /// Every document of `text`, empty ones included (as `.null`), in order.
    public static func documents(in text: String, limits: YAMLLimits = YAMLLimits()) throws(YAMLError) -> [YAMLDocument]
    {
        do {
            try YAMLPreScan(text, maxDepth: limits.maxDepth).check()
        } catch {
            throw YAMLError(code: error.code, document: 0, line: error.line, message: error.message)
        }
        let parser: Parser
        do {
            parser = try Parser(yaml: text, resolver: .basic)
        } catch {
            throw convert(error, document: 0)
        }
        var documents: [YAMLDocument] = []
        while true {
            let root: Node?
            do {
                root = try parser.nextRoot()
            } catch {
                throw convert(error, document: documents.count)
            }
            guard let root else { break }
            var converter = YAMLConverter(
                document: documents.count,
                maxDepth: limits.maxDepth,
                nodeBudget: limits.nodeBudget(forByteCount: text.utf8.count)
            )
            let value = try converter.convert(root, at: .root, depth: 0)
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

/// Walks a composed Yams tree into JSON, counting every node visited (aliases each time) against a budget.
private struct YAMLConverter {
    let document: Int
    let maxDepth: Int
    var nodeBudget: Int
    var fieldLines: [FieldPath: Int] = [:]

    init(document: Int, maxDepth: Int, nodeBudget: Int) {
        self.document = document
        self.maxDepth = maxDepth
        self.nodeBudget = nodeBudget
    }

    mutating func convert(_ node: Node, at path: FieldPath, depth: Int) throws(YAMLError) -> JSONValue {
        nodeBudget -= 1
        let line = node.mark?.line ?? 0
        guard nodeBudget >= 0 else {
            throw failure(.tooManyNodes, line, "the document expands to too many nodes (an alias bomb?)")
        }
        guard depth <= maxDepth else { throw failure(.tooDeep, line, "nesting deeper than \(maxDepth) levels") }
        if !path.isRoot, fieldLines[path] == nil { fieldLines[path] = line }
        switch node {
        case .scalar(let scalar):
            return try resolve(scalar, line: line)
        case .alias:
            throw failure(.unsupported, line, "unresolved alias")
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            elements.reserveCapacity(sequence.count)
            for (position, element) in sequence.enumerated() {
                elements.append(try convert(element, at: path.appending(index: position), depth: depth + 1))
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
                members[key] = try convert(valueNode, at: path.appending(key), depth: depth + 1)
            }
            for (source, mergeLine) in merged {
                try merge(source, into: &members, at: path, depth: depth, line: mergeLine)
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
        line: Int
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
            guard case .object(let extra) = try convert(candidate, at: path, depth: depth) else { continue }
            for (key, value) in extra where members[key] == nil { members[key] = value }
        }
    }

    private mutating func keyString(_ node: Node, line: Int) throws(YAMLError) -> String {
        nodeBudget -= 1
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
