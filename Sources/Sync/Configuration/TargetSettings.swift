import MooringCore

/// One cluster Mooring keeps in sync, with its own folder in the repository and its own policy.
public struct TargetSettings: Sendable, Equatable {
    /// `default` for a single-target configuration.
    public var name: String
    /// The folder inside the repository.
    public var path: String
    public var cluster: ClusterSettings
    public var policy: PolicySettings

    public init(name: String, path: String, cluster: ClusterSettings, policy: PolicySettings) {
        self.name = name
        self.path = path
        self.cluster = cluster
        self.policy = policy
    }
}

extension TargetSettings {
    init?(reading reader: inout ConfigurationReader, at base: FieldPath) {
        guard reader.object(base, allowed: ["name", "path", "cluster", "policy"]) != nil else {
            reader.report(base, "must be a mapping with name, path, cluster and policy")
            return nil
        }
        let name = reader.requiredString(base.appending("name"))
        let path = reader.requiredString(base.appending("path"))
        let cluster = ClusterSettings(reading: &reader, at: base.appending("cluster"))
        let policy = PolicySettings(reading: &reader, at: base.appending("policy"))
        guard let name, let path else { return nil }
        self.init(name: name, path: path, cluster: cluster, policy: policy)
    }
}
