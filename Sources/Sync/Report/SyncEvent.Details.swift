public import GitSource
public import MooringCore
public import Reconciler

extension SyncEvent {
    /// What an event is about, typed: each property is one field of the event's log metadata and alert payloads,
    /// named as that field, and `nil` leaves the field out (``rendered`` gives their text). Never secret values.
    public struct Details: Sendable, Equatable {
        /// The target whose sync raised the event (set on every event of a target's run).
        public var target: String?
        /// The commit the event is about: the one synced, refused, or the new tip of a rewritten branch.
        public var commit: CommitID?
        /// The last applied commit that a rewritten branch no longer descends from.
        public var previous: CommitID?
        /// The commit whose signature was rejected: the tip, or one of the commits since the last applied.
        public var rejectedCommit: CommitID?
        /// The author of the rejected commit, `Name <email>`, or `unknown`.
        public var author: String?
        /// Why: a signature rejection's reason, or why a sync was abandoned (`shutdown`, `deadline`, `leadership`).
        public var reason: String?
        /// The object the event is about.
        public var object: ObjectIdentity?
        /// The file a failed gate is declared in.
        public var file: String?
        /// The code of the failure: a cluster or git error's code, or `journal`.
        public var code: String?
        /// How many objects: kept from pruning, or not healthy.
        public var objects: Int?
        /// How many problems refused a commit.
        public var problems: Int?
        /// What an applied sync created, updated and pruned.
        public var created: Int?
        public var updated: Int?
        public var pruned: Int?
        /// The kind of a drift (modified, deleted).
        public var kind: Drift.Kind?
        /// The paths of the fields that drifted, or that another field manager owns.
        public var fields: [String]?
        /// The field managers that changed them.
        public var managers: [String]?
        /// Per drifted field, in the order of `fields`: the desired and the live value, serialized (`(absent)`).
        public var desired: [String]?
        public var live: [String]?
        /// Where a damaged `state.json` was moved.
        public var movedTo: String?
        /// What an abandoned sync left undone, one entry per step (or per target).
        public var undone: [String]?
        /// Leader election: this host's identity, the Lease, and the host that holds it now.
        public var identity: String?
        public var lease: String?
        public var holder: String?
        /// A guardrail's model (its name and namespace), the version it judged, the check, the value it measured
        /// (formatted as the analysis shows it) and the bound it was held to.
        public var model: String?
        public var namespace: String?
        public var version: String?
        public var check: String?
        public var value: String?
        public var bound: String?

        /// Details with the given properties; every one left out is no field.
        public init(
            target: String? = nil,
            commit: CommitID? = nil,
            previous: CommitID? = nil,
            rejectedCommit: CommitID? = nil,
            author: String? = nil,
            reason: String? = nil,
            object: ObjectIdentity? = nil,
            file: String? = nil,
            code: String? = nil,
            objects: Int? = nil,
            problems: Int? = nil,
            created: Int? = nil,
            updated: Int? = nil,
            pruned: Int? = nil,
            kind: Drift.Kind? = nil,
            fields: [String]? = nil,
            managers: [String]? = nil,
            desired: [String]? = nil,
            live: [String]? = nil,
            movedTo: String? = nil,
            undone: [String]? = nil,
            identity: String? = nil,
            lease: String? = nil,
            holder: String? = nil,
            model: String? = nil,
            namespace: String? = nil,
            version: String? = nil,
            check: String? = nil,
            value: String? = nil,
            bound: String? = nil
        ) {
            self.target = target
            self.commit = commit
            self.previous = previous
            self.rejectedCommit = rejectedCommit
            self.author = author
            self.reason = reason
            self.object = object
            self.file = file
            self.code = code
            self.objects = objects
            self.problems = problems
            self.created = created
            self.updated = updated
            self.pruned = pruned
            self.kind = kind
            self.fields = fields
            self.managers = managers
            self.desired = desired
            self.live = live
            self.movedTo = movedTo
            self.undone = undone
            self.identity = identity
            self.lease = lease
            self.holder = holder
            self.model = model
            self.namespace = namespace
            self.version = version
            self.check = check
            self.value = value
            self.bound = bound
        }
    }
}
