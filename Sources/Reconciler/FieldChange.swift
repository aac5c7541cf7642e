public import MooringCore

/// One field that differs between two versions of an object.
public struct FieldChange: Sendable, Equatable {
    public var path: FieldPath
    /// `nil` when the field is absent on that side.
    public var before: JSONValue?
    public var after: JSONValue?

    public init(path: FieldPath, before: JSONValue?, after: JSONValue?) {
        self.path = path
        self.before = before
        self.after = after
    }
}
