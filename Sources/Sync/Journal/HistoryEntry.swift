public import Foundation

/// One line of `history.jsonl`: what one sync did, for the audit trail of what served when.
public struct HistoryEntry: Sendable, Equatable, Codable {
    /// How the sync ended.
    public enum Result: String, Sendable, Codable, CaseIterable {
        /// Changes were applied and became healthy.
        case applied
        /// Drift was found and left alone (alert-only); nothing else changed.
        case drifted
        /// Changes were applied but did not become healthy within the timeout.
        case degraded
        /// The commit was refused: invalid, a failed gate, a bad signature.
        case refused
        /// Something failed: git, kubectl, the cluster.
        case failed
        /// A canary analysis aborted a canary: the daemon took it out of traffic (a line of its own, not a sync's).
        case aborted
    }

    /// A model whose serving versions changed.
    public struct ModelChange: Sendable, Equatable, Codable {
        public var model: String
        public var namespace: String
        /// `nil` for a model deployed for the first time.
        public var from: ModelState?
        /// `nil` for a model removed.
        public var to: ModelState?

        public init(model: String, namespace: String, from: ModelState?, to: ModelState?) {
            self.model = model
            self.namespace = namespace
            self.from = from
            self.to = to
        }
    }

    /// A drifted object, as recorded (values are not kept in history).
    public struct DriftRecord: Sendable, Equatable, Codable {
        public var object: String
        public var fields: [String]
        public var managers: [String]
        /// `heal` or `alert`.
        public var action: String

        public init(object: String, fields: [String], managers: [String], action: String) {
            self.object = object
            self.fields = fields
            self.managers = managers
            self.action = action
        }
    }

    public var time: Date
    public var target: String
    public var commit: String?
    public var author: String?
    /// The first line of the commit message.
    public var subject: String?
    public var result: Result
    public var models: [ModelChange]
    public var created: [String]
    public var updated: [String]
    public var pruned: [String]
    public var drift: [DriftRecord]
    /// Why the sync was refused or failed, or what was blocked.
    public var message: String?
    public var durationSeconds: Double

    public init(
        time: Date,
        target: String,
        commit: String?,
        author: String? = nil,
        subject: String? = nil,
        result: Result,
        models: [ModelChange] = [],
        created: [String] = [],
        updated: [String] = [],
        pruned: [String] = [],
        drift: [DriftRecord] = [],
        message: String? = nil,
        durationSeconds: Double = 0
    ) {
        self.time = time
        self.target = target
        self.commit = commit
        self.author = author
        self.subject = subject
        self.result = result
        self.models = models
        self.created = created
        self.updated = updated
        self.pruned = pruned
        self.drift = drift
        self.message = message
        self.durationSeconds = durationSeconds
    }
}
