// Folder Cluster/Values: values the operations return — API resources, apply outcomes, readiness, Leases.

public import MooringCore

/// What became of one object in a batch apply.
public struct ApplyResult: Hashable, Sendable {
    public var object: ObjectIdentity
    /// Why the server refused the object; `nil` when it was applied.
    public var error: ClusterError?
    /// In a dry run, the object as the server would store it (defaults filled in, managedFields updated).
    ///
    /// `nil` for real applies: kubectl prints objects only when a whole batch succeeds, so Mooring asks it for
    /// names instead, which it prints per applied object even when others fail.
    public var serverObject: JSONValue?

    public init(object: ObjectIdentity, error: ClusterError? = nil, serverObject: JSONValue? = nil) {
        self.object = object
        self.error = error
        self.serverObject = serverObject
    }

    public var applied: Bool { error == nil }
}
