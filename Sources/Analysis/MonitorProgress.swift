/// Where the monitors of one model's stable version stand: each check's latest run and whether it is degraded.
public struct MonitorProgress: Codable, Sendable, Equatable {
    /// The stable version monitored; another one starts afresh.
    public var version: String
    /// One per monitor, in the order of `spec.monitors`.
    public var checks: [CheckProgress]

    public init(version: String, checks: [String]) {
        self.version = version
        self.checks = checks.map(CheckProgress.init(name:))
    }
}
