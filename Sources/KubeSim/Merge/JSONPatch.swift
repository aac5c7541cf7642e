import Foundation
import MooringCore

/// JSON patch (RFC 6902): a list of `add`, `remove`, `replace`, `move`, `copy` and `test` operations.
enum JSONPatch {
    static func apply(_ patch: JSONValue, to target: JSONValue) throws(StatusError) -> JSONValue {
        guard let operations = patch.arrayValue else {
            throw StatusError.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch")
        }
        var document = target
        for operation in operations {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue else {
                throw StatusError.badRequest("the server rejected our request due to an error in our request")
            }
            let pointer = try parse(path)
            switch op {
            case "add":
                document = try add(operation["value"] ?? .null, at: pointer, in: document, path: path)
            case "remove":
                _ = try value(at: pointer, in: document, path: path, op: op)
                document = try removing(pointer, from: document, path: path)
            case "replace":
                _ = try value(at: pointer, in: document, path: path, op: op)
                document = try removing(pointer, from: document, path: path)
                document = try add(operation["value"] ?? .null, at: pointer, in: document, path: path)
            case "move", "copy":
                guard let from = operation["from"]?.stringValue else {
                    throw StatusError.badRequest("missing from in \(op)")
                }
                let source = try parse(from)
                let moved = try value(at: source, in: document, path: from, op: op)
                if op == "move" { document = try removing(source, from: document, path: from) }
                document = try add(moved, at: pointer, in: document, path: path)
            case "test":
                let found = try value(at: pointer, in: document, path: path, op: op)
                if found != (operation["value"] ?? .null) {
                    throw StatusError.unknown("testing value \(path) failed: test failed")
                }
            default:
                throw StatusError.badRequest("Unexpected kind: \(op)")
            }
        }
        return document
    }

    private static func parse(_ path: String) throws(StatusError) -> [String] {
        guard !path.isEmpty else { return [] }
        guard path.hasPrefix("/") else { throw StatusError.badRequest("invalid JSON pointer \(path)") }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    private static func value(
        at pointer: [String],
        in document: JSONValue,
        path: String,
        op: String
    ) throws(StatusError) -> JSONValue {
        var current = document
        for token in pointer {
            if let members = current.objectValue, let next = members[token] {
                current = next
            } else if let elements = current.arrayValue, let index = Int(token), elements.indices.contains(index) {
                current = elements[index]
            } else {
                throw StatusError.unknown(
                    "\(op) operation does not apply: doc is missing path: \"\(path)\": missing value"
                )
            }
        }
        return current
    }

    private static func add(
        _ value: JSONValue,
        at pointer: [String],
        in document: JSONValue,
        path: String
    ) throws(StatusError) -> JSONValue {
        guard let token = pointer.first else { return value }
        let rest = Array(pointer.dropFirst())
        switch document {
        case .object(var members):
            if rest.isEmpty {
                members[token] = value
            } else {
                guard let child = members[token] else {
                    throw StatusError.unknown(
                        "add operation does not apply: doc is missing path: \"\(path)\": missing value"
                    )
                }
                members[token] = try add(value, at: rest, in: child, path: path)
            }
            return .object(members)
        case .array(var elements):
            if rest.isEmpty {
                if token == "-" {
                    elements.append(value)
                } else if let index = Int(token), index >= 0, index <= elements.count {
                    elements.insert(value, at: index)
                } else {
                    throw StatusError.unknown(
                        "add operation does not apply: doc is missing path: \"\(path)\": missing value"
                    )
                }
            } else {
                guard let index = Int(token), elements.indices.contains(index) else {
                    throw StatusError.unknown(
                        "add operation does not apply: doc is missing path: \"\(path)\": missing value"
                    )
                }
                elements[index] = try add(value, at: rest, in: elements[index], path: path)
            }
            return .array(elements)
        default:
            throw StatusError.unknown("add operation does not apply: doc is missing path: \"\(path)\": missing value")
        }
    }

    private static func removing(
        _ pointer: [String],
        from document: JSONValue,
        path: String
    ) throws(StatusError) -> JSONValue {
        guard let token = pointer.first else { return .null }
        let rest = Array(pointer.dropFirst())
        switch document {
        case .object(var members):
            guard let child = members[token] else {
                throw StatusError.unknown(
                    "remove operation does not apply: doc is missing path: \"\(path)\": missing value"
                )
            }
            members[token] = rest.isEmpty ? JSONValue?.none : try removing(rest, from: child, path: path)
            return .object(members)
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index) else {
                throw StatusError.unknown(
                    "remove operation does not apply: doc is missing path: \"\(path)\": missing value"
                )
            }
            if rest.isEmpty {
                elements.remove(at: index)
            } else {
                elements[index] = try removing(rest, from: elements[index], path: path)
            }
            return .array(elements)
        default:
            throw StatusError.unknown(
                "remove operation does not apply: doc is missing path: \"\(path)\": missing value"
            )
        }
    }
}
