public import MooringCore

/// What Mooring last applied for one object: the journal's inventory entry.
///
/// An object is Mooring's to prune only if it has a record here (and carries the managed-by label).
public struct AppliedRecord: Sendable, Equatable, Codable {
    public var identity: ObjectIdentity
    public var apiVersion: String
    /// The object exactly as applied, `mooring.dev/source-commit` included.
    public var applied: JSONValue
    /// The commit that last changed this object's desired state.
    public var sourceCommit: String
    /// The live resourceVersion at which the live object was last seen to match `applied`;
    /// while the live object stays at it, nothing needs checking.
    public var verifiedResourceVersion: String?
    /// A fingerprint of the drift last reported, so the same drift is alerted once, not every cycle.
    public var reportedDrift: String?
    /// The drift policy the object's model set, if any (so the journal's state can be healed alone).
    public var drift: DriftPolicy?

    public init(
        identity: ObjectIdentity,
        apiVersion: String,
        applied: JSONValue,
        sourceCommit: String,
        verifiedResourceVersion: String? = nil,
        reportedDrift: String? = nil,
        drift: DriftPolicy? = nil
    ) {
        self.identity = identity
        self.apiVersion = apiVersion
        self.applied = applied
        self.sourceCommit = sourceCommit
        self.verifiedResourceVersion = verifiedResourceVersion
        self.reportedDrift = reportedDrift
        self.drift = drift
    }

    /// Whether the live object, at `liveVersion`, is still the one Mooring last saw match `applied`: nothing about it
    /// needs checking. `nil` (the object is gone) never is.
    public func isVerified(at liveVersion: String?) -> Bool {
        liveVersion != nil && liveVersion == verifiedResourceVersion
    }
}
