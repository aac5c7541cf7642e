// Folder KubeSim/Fields: field sets and managed fields for server-side apply.

import MooringCore

/// A set of field paths in the `fieldsV1` shape of `managedFields`: a tree whose edges are
/// `f:<field>`, `k:{<keys>}` (a list element by key), `v:<value>` (a set element) or `i:<index>`,
/// and whose nodes are members of the set when marked (`.` in `fieldsV1`, or a leaf).
struct FieldSet: Sendable, Equatable {
    /// Whether the path leading here is itself a member.
    var isMember = false
    var children: [String: FieldSet] = [:]

    static let empty = FieldSet()

    var isEmpty: Bool { !isMember && children.values.allSatisfy(\.isEmpty) }

    /// The set read from a `fieldsV1` object.
    init(fieldsV1 value: JSONValue) {
        for (key, child) in value.objectValue ?? [:] {
            if key == "." {
                isMember = true
            } else {
                var node = FieldSet(fieldsV1: child)
                if child.objectValue?.isEmpty ?? true { node.isMember = true }
                children[key] = node
            }
        }
    }

    init() {}

    /// The `fieldsV1` object of this set.
    var fieldsV1: JSONValue {
        var members: [String: JSONValue] = [:]
        for (key, child) in children where !child.isEmpty {
            members[key] = child.fieldsV1
        }
        if isMember && !members.isEmpty { members["."] = [:] }
        return .object(members)
    }

    mutating func insert(_ path: [String]) {
        guard let first = path.first else {
            isMember = true
            return
        }
        children[first, default: FieldSet()].insert(Array(path.dropFirst()))
    }

    func contains(_ path: [String]) -> Bool {
        guard let first = path.first else { return isMember }
        return children[first]?.contains(Array(path.dropFirst())) ?? false
    }

    func union(_ other: FieldSet) -> FieldSet {
        var result = self
        result.isMember = isMember || other.isMember
        for (key, child) in other.children {
            result.children[key] = result.children[key].map { $0.union(child) } ?? child
        }
        return result
    }

    func subtracting(_ other: FieldSet) -> FieldSet {
        var result = self
        if other.isMember { result.isMember = false }
        for (key, child) in other.children {
            guard let mine = result.children[key] else { continue }
            let remaining = mine.subtracting(child)
            result.children[key] = remaining.isEmpty ? nil : remaining
        }
        return result
    }

    func intersection(_ other: FieldSet) -> FieldSet {
        var result = FieldSet()
        result.isMember = isMember && other.isMember
        for (key, child) in children {
            guard let theirs = other.children[key] else { continue }
            let common = child.intersection(theirs)
            if !common.isEmpty { result.children[key] = common }
        }
        return result
    }

    /// Every member path, parents before children, in a stable order.
    var members: [[String]] {
        var result: [[String]] = []
        if isMember { result.append([]) }
        for key in children.keys.sorted() {
            guard let child = children[key] else { continue }
            result.append(contentsOf: child.members.map { [key] + $0 })
        }
        return result
    }

    /// A member path as a person reads it in a conflict: `.spec.template.spec.containers[name="app"].image`.
    static func describe(_ path: [String]) -> String {
        var text = ""
        for element in path {
            let body = String(element.dropFirst(2))
            switch element.prefix(2) {
            case "f:": text += ".\(body)"
            case "k:":
                let keys = (try? JSONValue.parse(body))?.objectValue ?? [:]
                text +=
                    "["
                    + keys.keys.sorted().map { "\($0)=\(keys[$0]?.serialized() ?? "")" }
                    .joined(separator: ",") + "]"
            case "v:": text += "[=\(body)]"
            default: text += "[\(body)]"
            }
        }
        return text
    }

    static func field(_ name: String) -> String { "f:\(name)" }

    static func value(_ value: JSONValue) -> String { "v:\(value.serialized())" }

    static func key(_ element: JSONValue, keys: [String]) -> String {
        var fields: [String: JSONValue] = [:]
        for key in keys {
            if let value = element[key] { fields[key] = value }
        }
        return "k:\(JSONValue.object(fields).serialized())"
    }
}
