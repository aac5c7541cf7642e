/// Something an operator may need to know, raised by a sync: logged with a stable `event` name
/// (INTERFACE.md), turned into alerts and metrics by the daemon.
public struct SyncEvent: Sendable, Equatable, CustomStringConvertible {
    /// Stable event names.
    public struct Name: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
        public let rawValue: String
        public init(stringLiteral value: String) { rawValue = value }

        public static let syncApplied: Name = "sync_applied"
        public static let syncFailed: Name = "sync_failed"
        public static let validationFailed: Name = "validation_failed"
        public static let gateFailed: Name = "gate_failed"
        public static let drift: Name = "drift"
        public static let driftHealed: Name = "drift_healed"
        public static let pruneBlocked: Name = "prune_blocked"
        public static let healthDegraded: Name = "health_degraded"
        public static let historyRewritten: Name = "history_rewritten"
        public static let signatureRejected: Name = "signature_rejected"
        public static let sourceUnreachable: Name = "source_unreachable"
        public static let journalCorrupt: Name = "journal_corrupt"
        public static let leaderAcquired: Name = "leader_acquired"
        public static let leaderLost: Name = "leader_lost"
        /// Live model guardrails (raised by the daemon's analysis, not by a sync).
        public static let canaryAborted: Name = "canary_aborted"
        public static let canaryPassed: Name = "canary_passed"
        public static let analysisUnavailable: Name = "analysis_unavailable"
        public static let modelDegraded: Name = "model_degraded"
        public static let modelRecovered: Name = "model_recovered"

        public var description: String { rawValue }
    }

    /// How loud the event is.
    public enum Severity: String, Sendable, Comparable {
        case info
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            let order: [Severity] = [.info, .warning, .error]
            return order.firstIndex(of: lhs) ?? 0 < order.firstIndex(of: rhs) ?? 0
        }
    }

    public var name: Name
    public var severity: Severity
    /// One line for a person.
    public var message: String
    /// What the event is about (target, commit, object, drifted fields, managers…), typed; never secret values.
    public var details: Details

    public init(_ name: Name, _ severity: Severity, _ message: String, details: Details = Details()) {
        self.name = name
        self.severity = severity
        self.message = message
        self.details = details
    }

    /// The details as the event's fields, as logs and alerts show them (``Details/rendered``).
    public var fields: [String: String] { details.rendered }

    public var description: String { "\(name): \(message)" }
}
