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
    /// Structured details (target, commit, object, fields, managers…); never secret values.
    public var fields: [String: String]

    public init(_ name: Name, _ severity: Severity, _ message: String, fields: [String: String] = [:]) {
        self.name = name
        self.severity = severity
        self.message = message
        self.fields = fields
    }

    public var description: String { "\(name): \(message)" }
}
