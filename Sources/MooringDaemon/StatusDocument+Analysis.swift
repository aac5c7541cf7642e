public import Analysis
public import Foundation

extension StatusDocument {
    /// The latest run of one live check (a canary analysis check or a monitor), as `/status` shows it.
    ///
    /// ```json
    /// {"name": "error-rate", "value": 0.031, "max": 0.02, "result": "fail", "failuresInARow": 2,
    ///  "at": "2026-05-04T09:10:30Z"}
    /// ```
    public struct Check: Codable, Sendable, Equatable {
        /// How one run of a check ended: `pass`, `fail` or `no-data` (the evaluators' own result).
        public typealias Result = CheckProgress.Result

        /// The check's name (`spec.analysis.checks[].name` or `spec.monitors[].name`).
        public var name: String
        /// The value measured by the latest run; left out when it had no data.
        public var value: Double?
        public var min: Double?
        public var max: Double?
        public var result: Result
        /// Failed runs in a row, up to and including the latest.
        public var failuresInARow: Int
        /// When the latest run was made.
        public var at: Date

        public init(
            name: String,
            value: Double?,
            min: Double?,
            max: Double?,
            result: Result,
            failuresInARow: Int,
            at: Date
        ) {
            self.name = name
            self.value = value
            self.min = min
            self.max = max
            self.result = result
            self.failuresInARow = failuresInARow
            self.at = at
        }
    }

    /// The canary analysis of one model, while a canary serves (and after it passed or was aborted, until the
    /// ModelDeployment changes in git).
    ///
    /// ```json
    /// {"version": "13", "state": "running", "startedAt": "2026-05-04T09:00:00Z", "elapsedSeconds": 330,
    ///  "minDurationSeconds": 600, "lastRunAt": "2026-05-04T09:05:30Z", "checks": [ … ]}
    /// ```
    public struct Analysis: Codable, Sendable, Equatable {
        /// Where an analysis stands.
        public enum State: String, Codable, Sendable, CaseIterable {
            /// Checks run; the canary has not yet held for `minDuration`.
            case running
            /// Every check held for `minDuration`: ready to promote (promotion stays a pull request).
            case passed
            /// `failureLimit` failed runs in a row: the canary was taken out of traffic.
            case aborted
            /// `failureLimit` runs in a row without data (no series, Prometheus unreachable).
            case unavailable
        }

        /// The canary version analysed.
        public var version: String
        public var state: State
        public var startedAt: Date
        /// How long the checks have held so far (for `passed`: at least `minDurationSeconds`); a failed run sets it
        /// back to zero.
        public var elapsedSeconds: Double
        public var minDurationSeconds: Double
        /// When the latest run was made (for `aborted`: the run that aborted the canary); `nil` before the first.
        public var lastRunAt: Date?
        /// For `aborted` and `unavailable`: why, naming the check, the value and the bound.
        public var reason: String?
        /// The latest run of each check, in the order of `spec.analysis.checks`.
        public var checks: [Check]

        public init(
            version: String,
            state: State,
            startedAt: Date,
            elapsedSeconds: Double,
            minDurationSeconds: Double,
            lastRunAt: Date? = nil,
            reason: String? = nil,
            checks: [Check]
        ) {
            self.version = version
            self.state = state
            self.startedAt = startedAt
            self.elapsedSeconds = elapsedSeconds
            self.minDurationSeconds = minDurationSeconds
            self.lastRunAt = lastRunAt
            self.reason = reason
            self.checks = checks
        }
    }
}
