import MooringCore

extension FieldSet {
    /// The fields an object sets, as server-side apply records them for its applier:
    /// leaves, atomic values, empty objects and keyed list elements (marked `.`).
    init(of value: JSONValue, schema: Schema) {
        self.init()
        let resolved = schema.resolved
        if resolved.isAtomic {
            isMember = true
            return
        }
        switch value {
        case .object(let members):
            for (key, child) in members {
                var node = FieldSet(of: child, schema: schema.field(key) ?? .any)
                if node.isEmpty { node.isMember = true }
                children[Self.field(key)] = node
            }
            if members.isEmpty { isMember = true }
        case .array(let elements):
            switch resolved.listType {
            case .map(let keys, _):
                for element in elements {
                    var node = FieldSet(of: element, schema: resolved.element)
                    node.isMember = true
                    children[Self.key(Self.withKeyDefaults(element, keys: keys), keys: keys)] = node
                }
            case .set:
                for element in elements { children[Self.value(element)] = FieldSet(member: ()) }
            case .atomic:
                isMember = true
            }
        default:
            isMember = true
        }
    }

    private init(member: Void) {
        self.init()
        isMember = true
    }

    /// The fields that differ between `old` and `new`: those set or changed, and those removed.
    static func changes(
        from old: JSONValue?,
        to new: JSONValue?,
        schema: Schema
    ) -> (changed: FieldSet, removed: FieldSet) {
        var changed = FieldSet()
        var removed = FieldSet()
        diff(old, new, schema: schema, changed: &changed, removed: &removed)
        return (changed, removed)
    }

    private static func diff(
        _ old: JSONValue?,
        _ new: JSONValue?,
        schema: Schema,
        changed: inout FieldSet,
        removed: inout FieldSet
    ) {
        let old: JSONValue? = old?.isNull == false ? old : nil
        let new: JSONValue? = new?.isNull == false ? new : nil
        if old == nil && new == nil { return }
        let resolved = schema.resolved
        let structured =
            !resolved.isAtomic && (old.map(isContainer) ?? true) && (new.map(isContainer) ?? true)
            && sameShape(old, new)
        guard structured else {
            if old == nil {
                changed.isMember = true
            } else if new == nil {
                removed.isMember = true
            } else if old != new {
                changed.isMember = true
            }
            return
        }
        if old == nil, case .map = resolved { changed.isMember = true }
        if new == nil { removed.isMember = true }
        var oldChildren: [String: (JSONValue, Schema)] = [:]
        var newChildren: [String: (JSONValue, Schema)] = [:]
        collect(old, schema: resolved, into: &oldChildren)
        collect(new, schema: resolved, into: &newChildren)
        let isKeyedList = (old ?? new)?.arrayValue != nil
        for key in Set(oldChildren.keys).union(newChildren.keys) {
            let childSchema = oldChildren[key]?.1 ?? newChildren[key]?.1 ?? .any
            var childChanged = FieldSet()
            var childRemoved = FieldSet()
            if isKeyedList, oldChildren[key] == nil { childChanged.isMember = true }
            if isKeyedList, newChildren[key] == nil { childRemoved.isMember = true }
            diff(
                oldChildren[key]?.0,
                newChildren[key]?.0,
                schema: childSchema,
                changed: &childChanged,
                removed: &childRemoved
            )
            if !childChanged.isEmpty { changed.children[key] = childChanged }
            if !childRemoved.isEmpty { removed.children[key] = childRemoved }
        }
    }

    private static func isContainer(_ value: JSONValue) -> Bool {
        value.objectValue != nil || value.arrayValue != nil
    }

    private static func sameShape(_ old: JSONValue?, _ new: JSONValue?) -> Bool {
        guard let old, let new else { return true }
        return (old.objectValue != nil) == (new.objectValue != nil)
    }

    /// The children of an object or a keyed list, by path element.
    private static func collect(_ value: JSONValue?, schema: Schema, into children: inout [String: (JSONValue, Schema)])
    {
        switch value {
        case .object(let members)?:
            for (key, child) in members { children[field(key)] = (child, schema.field(key) ?? .any) }
        case .array(let elements)?:
            switch schema.listType {
            case .map(let keys, _):
                for element in elements {
                    children[key(withKeyDefaults(element, keys: keys), keys: keys)] = (element, schema.element)
                }
            case .set:
                for element in elements { children[Self.value(element)] = (element, .scalar) }
            case .atomic:
                break
            }
        default:
            break
        }
    }

    /// List-map keys with the defaults the schema gives them (`protocol: TCP` for ports).
    static func withKeyDefaults(_ element: JSONValue, keys: [String]) -> JSONValue {
        var element = element
        if keys.contains("protocol"), element["protocol"] == nil { element["protocol"] = "TCP" }
        return element
    }
}
