public import Cluster
public import Foundation

/// What `GET /status` answers, as JSON (dates in ISO 8601, UTC; a value not known yet is left out); the status page and
/// `mooring status` show the same. A script can rely on these keys; new keys may be added.
///
/// ```json
/// {
///   "version": "0.1.0",
///   "startedAt": "2026-05-04T09:00:00Z",
///   "ready": true,
///   "readiness": "ready",
///   "syncing": false,
///   "nextSyncAt": "2026-05-04T09:00:25Z",
///   "targets": [{
///     "name": "default",
///     "outcome": "applied",
///     "lastSyncAt": "2026-05-04T09:00:10Z",
///     "durationSeconds": 3.2,
///     "commit": {"id": "3f2c…", "author": "Ada", "email": "ada@example.com",
///                "subject": "fraud-detector: canary 13 at 10%", "time": "2026-05-04T08:59:00Z"},
///     "refusedCommit": {"id": "9e8d…", "author": "Bob", "subject": "fraud-detector: canary 14"},
///     "lastAppliedCommit": "3f2c…",
///     "models": [{"name": "fraud-detector", "namespace": "ml-prod", "stable": "12",
///                 "canary": "13", "canaryTraffic": 10, "analysis": {…}, "monitors": […]}],
///     "drift": [{"object": "Deployment.apps ml-prod/churn-predictor", "fields": ["spec.replicas"],
///                "managers": ["kubectl"]}]
///   }],
///   "events": [{"time": "2026-05-04T09:00:10Z", "target": "default", "event": "sync_applied",
///               "severity": "info", "message": "…"}]
/// }
/// ```
///
/// Each target has `liveCache` when the daemon keeps one (`cluster.watch`, the default): `{"inSync": true,
/// "collections": 3, "lastRelist": "2026-05-04T09:00:02Z", "restarts": 0}`.
///
/// `stuck` is there while a sync runs past its deadline: `{"stage": "waiting for 1 object(s) to become ready (target
/// default, commit 3f2c…)", "since": …, "syncStartedAt": …, "deadline": …}`.
///
/// `outcome` is one of `in-sync`, `applied`, `drifted`, `degraded`, `refused`, `failed`, `waiting` (left out
/// before the target's first sync); `commit` is the commit the target is synced to and `refusedCommit`, there only
/// when the last sync refused a commit, the one refused (`commit` is then the one still serving); `retryAfter` is there while a commit that failed waits for its retry;
/// `drift` lists objects left drifted under `drift: alert`; `events` holds the most recent events, newest first
/// (at most ``DaemonStatus/eventLimit``).
public struct StatusDocument: Codable, Sendable, Equatable {
    /// The commit a target's desired state came from.
    public struct Commit: Codable, Sendable, Equatable {
        public var id: String
        public var author: String?
        public var email: String?
        /// The first line of the commit message.
        public var subject: String?
        public var time: Date?
    }

    /// Which versions of one model serve.
    public struct Model: Codable, Sendable, Equatable {
        public var name: String
        public var namespace: String
        public var stable: String
        public var canary: String?
        /// Percent of traffic actually served by the canary, when there is one: 0 while its abort holds it out.
        public var canaryTraffic: Int?
        /// `true` while the canary's analysis aborted it and it is held out of traffic until git changes.
        public var canaryAborted: Bool? = nil
        /// The canary's analysis (`spec.analysis`), once the daemon has run it; see ``StatusDocument/Analysis``.
        public var analysis: Analysis? = nil
        /// The latest run of each monitor on the stable version (`spec.monitors`); empty without monitors.
        public var monitors: [Check] = []
    }

    /// An object left drifted (alert-only), with the fields and field managers last reported.
    public struct Drift: Codable, Sendable, Equatable {
        /// `Kind.group namespace/name`.
        public var object: String
        public var fields: [String]
        public var managers: [String]
    }

    /// The state of one target.
    public struct Target: Codable, Sendable, Equatable {
        public var name: String
        public var outcome: String?
        public var lastSyncAt: Date?
        public var durationSeconds: Double?
        /// When a commit that failed its health check may be tried again.
        public var retryAfter: Date?
        /// The commit the desired state came from; for a refused commit, the last applied one, still serving.
        public var commit: Commit?
        /// The commit the last sync refused (invalid, a failed gate, a rejected signature); left out otherwise.
        public var refusedCommit: Commit?
        public var lastAppliedCommit: String?
        public var models: [Model]
        public var drift: [Drift]
        /// The target's live cache (`cluster.watch`): in sync or not, when it last listed in full, how many times a
        /// watch failed and was restarted, and whether it reads through a `kubectl proxy` or `kubectl get --raw`. Left
        /// out without one.
        public var liveCache: LiveCacheStatus? = nil
    }

    /// An event a sync raised (messages are redacted: no secret values).
    public struct Event: Codable, Sendable, Equatable {
        public var time: Date
        /// `nil` for events of the whole run (git, the journal).
        public var target: String?
        public var event: String
        public var severity: String
        public var message: String
    }

    public var version: String
    public var startedAt: Date
    public var ready: Bool
    /// `ready`, or why not, in one line (the body of a failing `/readyz`).
    public var readiness: String
    public var syncing: Bool
    public var nextSyncAt: Date?
    /// The sync in progress when it is past its deadline: the stage it is stuck in and since when.
    public var stuck: SyncWatch.Overdue?
    public var targets: [Target]
    public var events: [Event]
}

extension StatusDocument {
    /// The document as `/status` sends it.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// A document as `/status` sent it.
    public init(json: Data) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        self = try decoder.decode(StatusDocument.self, from: json)
    }
}
