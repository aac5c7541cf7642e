extension JSONValue {
    /// The value at `path`, or `nil` when any step is missing.
    public subscript(path path: FieldPath) -> JSONValue? {
        var current = self
        for component in path.components {
            guard let next = current.child(component) else { return nil }
            current = next
        }
        return current
    }

    /// The value one step below this one.
    public func child(_ component: FieldPath.Component) -> JSONValue? {
        switch component {
        case .key(let key):
            return objectValue?[key]
        case .index(let position):
            guard let elements = arrayValue, elements.indices.contains(position) else { return nil }
            return elements[position]
        case .match(let field, let value):
            return arrayValue?.first { $0[field]?.stringValue == value }
        }
    }

    /// Sets the value at `path`, creating intermediate objects for missing keys.
    ///
    /// Setting `nil` removes the field. Steps into lists must already exist; returns whether the value was set.
    @discardableResult
    public mutating func set(_ value: JSONValue?, at path: FieldPath) -> Bool {
        guard let first = path.components.first else {
            self = value ?? .null
            return true
        }
        let rest = FieldPath(Array(path.components.dropFirst()))
        switch first {
        case .key(let key):
            if isNull, value != nil { self = .object([:]) }
            guard case .object(var members) = self else { return false }
            if rest.isRoot {
                members[key] = value
            } else {
                var child = members[key] ?? .object([:])
                guard child.set(value, at: rest) else { return false }
                members[key] = child
            }
            self = .object(members)
            return true
        case .index, .match:
            guard case .array(var elements) = self,
                let position = elementIndex(first, in: elements)
            else { return false }
            if rest.isRoot {
                if let value { elements[position] = value } else { elements.remove(at: position) }
            } else {
                guard elements[position].set(value, at: rest) else { return false }
            }
            self = .array(elements)
            return true
        }
    }

    private func elementIndex(_ component: FieldPath.Component, in elements: [JSONValue]) -> Int? {
        switch component {
        case .index(let position): return elements.indices.contains(position) ? position : nil
        case .match(let field, let value): return elements.firstIndex { $0[field]?.stringValue == value }
        case .key: return nil
        }
    }
}
