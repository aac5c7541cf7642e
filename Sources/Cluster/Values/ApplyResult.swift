public import MooringCore

/// What became of one object in a batch apply.
public struct ApplyResult: Hashable, Sendable {
    public enum Status: Hashable, Sendable {
        /// Applied (or, in a dry run, would be): the object as the server returned it.
        case applied(JSONValue)
        /// Refused; the error says why.
        case failed(ClusterError)
    }

    public var object: ObjectIdentity
    public var status: Status

    public init(object: ObjectIdentity, status: Status) {
        self.object = object
        self.status = status
    }

    /// The object the server returned, when it was applied.
    public var appliedObject: JSONValue? {
        if case .applied(let object) = status { return object }
        return nil
    }

    /// Why the object was refused, when it was.
    public var error: ClusterError? {
        if case .failed(let error) = status { return error }
        return nil
    }
}
