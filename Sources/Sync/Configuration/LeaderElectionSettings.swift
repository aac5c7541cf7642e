import MooringCore

/// Lease-based leader election, so that several hosts can run Mooring and only one applies.
public struct LeaderElectionSettings: Sendable, Equatable {
    public var enabled: Bool
    public var namespace: String
    public var name: String

    public init(enabled: Bool = false, namespace: String = "mooring-system", name: String = "mooring") {
        self.enabled = enabled
        self.namespace = namespace
        self.name = name
    }
}

extension LeaderElectionSettings {
    init(reading reader: inout ConfigurationReader) {
        let defaults = LeaderElectionSettings()
        _ = reader.object("leaderElection", allowed: ["enabled", "namespace", "name"])
        self.init(
            enabled: reader.bool("leaderElection.enabled") ?? defaults.enabled,
            namespace: reader.requiredStringIfPresent("leaderElection.namespace") ?? defaults.namespace,
            name: reader.requiredStringIfPresent("leaderElection.name") ?? defaults.name
        )
    }
}
