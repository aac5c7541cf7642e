public import Foundation

/// Where the canary analysis of one model stands: what the daemon keeps in the cluster so that a restart or a new
/// leader continues it (elapsed time, failures in a row) and keeps an aborted canary out of traffic.
public struct CanaryProgress: Codable, Sendable, Equatable {
    /// Where an analysis stands.
    public enum State: String, Codable, Sendable, CaseIterable {
        /// Checks run; the canary has not yet held for `minDuration`.
        case running
        /// Every check held for `minDuration`: ready to promote.
        case passed
        /// A check failed `failureLimit` runs in a row: the canary is out of traffic until git changes.
        case aborted
        /// `failureLimit` runs in a row without data; it runs on, and is `running` again once data comes back.
        case unavailable

        /// Whether the analysis is over (checks no longer run) until the ModelDeployment changes in git.
        public var isFinal: Bool { self == .passed || self == .aborted }
    }

    /// The canary version analysed.
    public var version: String
    /// The ModelDeployment the analysis judges, as a fingerprint: another one (any change in git) starts afresh.
    public var fingerprint: String
    public var state: State
    public var startedAt: Date
    /// How long every check has held so far, in seconds: the time between consecutive runs that all held, each gap
    /// counted at most one interval (a daemon that was down for an hour did not watch the canary for an hour).
    /// A failed run sets it back to zero; a run without data leaves it as it was.
    public var elapsedSeconds: Double
    /// When the latest run was made, and whether every check held in it.
    public var lastRunAt: Date?
    public var lastRunHeld: Bool
    /// Runs in a row without data (no check failed, at least one had no value).
    public var noDataRuns: Int
    /// For `aborted` and `unavailable`: why, naming the check, the value and the bound.
    public var reason: String?
    /// The latest run of each check, in the order of `spec.analysis.checks`.
    public var checks: [CheckProgress]

    /// A new analysis of `version`, before its first run.
    public init(version: String, fingerprint: String, checks: [String], startedAt: Date) {
        self.version = version
        self.fingerprint = fingerprint
        self.state = .running
        self.startedAt = startedAt
        self.elapsedSeconds = 0
        self.lastRunHeld = false
        self.noDataRuns = 0
        self.checks = checks.map(CheckProgress.init(name:))
    }
}
