import MooringCore

/// Lease-based leader election, so that several hosts can run Mooring and only one applies.
///
/// The timings mean what client-go's leader election means by them: a holder that has not renewed the Lease
/// within ``leaseDuration`` (as measured on the observer's own clock) may be replaced; the holder itself stops
/// acting when it could not renew for ``renewDeadline``; every host tries again every ``retryPeriod``.
public struct LeaderElectionSettings: Sendable, Equatable {
    public var enabled: Bool
    public var namespace: String
    public var name: String
    /// How long a standby waits after the Lease last changed before taking it over; whole seconds, as the Lease
    /// records it.
    public var leaseDuration: Duration
    /// How long the leader keeps syncing without a successful renewal; shorter than ``leaseDuration``.
    public var renewDeadline: Duration
    /// How often the leader renews and a standby checks the Lease; shorter than ``renewDeadline``.
    public var retryPeriod: Duration

    public init(
        enabled: Bool = false,
        namespace: String = "mooring-system",
        name: String = "mooring",
        leaseDuration: Duration = .seconds(15),
        renewDeadline: Duration = .seconds(10),
        retryPeriod: Duration = .seconds(2)
    ) {
        self.enabled = enabled
        self.namespace = namespace
        self.name = name
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
    }
}

extension LeaderElectionSettings {
    init(reading reader: inout ConfigurationReader) {
        let defaults = LeaderElectionSettings()
        _ = reader.object(
            "leaderElection",
            allowed: ["enabled", "namespace", "name", "leaseDuration", "renewDeadline", "retryPeriod"]
        )
        self.init(
            enabled: reader.bool("leaderElection.enabled") ?? defaults.enabled,
            namespace: reader.requiredStringIfPresent("leaderElection.namespace") ?? defaults.namespace,
            name: reader.requiredStringIfPresent("leaderElection.name") ?? defaults.name,
            leaseDuration: reader.duration("leaderElection.leaseDuration") ?? defaults.leaseDuration,
            renewDeadline: reader.duration("leaderElection.renewDeadline") ?? defaults.renewDeadline,
            retryPeriod: reader.duration("leaderElection.retryPeriod") ?? defaults.retryPeriod
        )
        if leaseDuration.components.attoseconds != 0 {
            reader.report("leaderElection.leaseDuration", "must be whole seconds (the Lease records seconds)")
        }
        if renewDeadline >= leaseDuration {
            reader.report(
                "leaderElection.renewDeadline",
                "must be shorter than leaderElection.leaseDuration, so the leader stops before a standby takes over"
            )
        }
        if retryPeriod >= renewDeadline {
            reader.report(
                "leaderElection.retryPeriod",
                "must be shorter than leaderElection.renewDeadline, so the leader can retry a failed renewal"
            )
        }
    }
}
