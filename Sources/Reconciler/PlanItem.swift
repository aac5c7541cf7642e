public import MooringCore

/// One desired object and what the sync must do with it.
public struct PlanItem: Sendable, Equatable {
    /// What the planner found.
    public enum Action: String, Sendable, Equatable, Codable {
        /// Not live and not in the inventory: apply creates it.
        case create
        /// Git changed it since it was applied (or Mooring has no record of applying it): apply.
        case update
        /// As applied, and the live object has not been written since: nothing to do, no API call.
        case unchanged
        /// As applied, but the live object was written since: a dry-run tells whether it drifted.
        case verify
        /// As applied, but the live object is gone: drift by deletion.
        case recreate
    }

    /// The desired object, stamped with its `mooring.dev/source-commit`.
    public var resource: Resource {
        didSet { identity = resource.identity }
    }
    /// The object's identity, read from `resource` once: stages look it up for every object at every poll.
    public private(set) var identity: ObjectIdentity
    public var action: Action
    public var mode: DriftPolicy
    /// What was applied last time, if anything.
    public var previous: AppliedRecord?
    /// The live object (with managedFields), if it exists and carries Mooring's label. For an object a live cache holds
    /// at the version Mooring verified, only a reference to it: apiVersion, kind, name, namespace and resourceVersion.
    public var live: JSONValue?

    public init(resource: Resource, action: Action, mode: DriftPolicy, previous: AppliedRecord?, live: JSONValue?) {
        self.resource = resource
        self.identity = resource.identity
        self.action = action
        self.mode = mode
        self.previous = previous
        self.live = live
    }

    /// What changed in git since the last apply (`nil` for objects never applied), secrets redacted.
    public var gitChanges: [FieldChange]? {
        guard let previous else { return nil }
        return ObjectDiff.changes(
            from: ObjectNormalizer.withoutSourceCommit(previous.applied),
            to: ObjectNormalizer.withoutSourceCommit(resource.object)
        ).map { SecretRedaction.redact($0, kind: resource.kind) }
    }
}
