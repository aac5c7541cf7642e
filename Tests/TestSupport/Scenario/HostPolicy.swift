/// The parts of the host configuration (`/etc/mooring/mooring.yaml`) a scenario varies.
public struct HostPolicy: Sendable {
    public var drift = "heal"
    public var pruneLimit = 10
    public var allowPruneKinds: [String] = []
    /// `nil`: any namespace.
    public var allowedNamespaces: [String]?
    /// `nil`: any cluster-scoped kind.
    public var allowedClusterKinds: [String]?
    /// Short, so a rollout that never becomes healthy fails the test quickly.
    public var healthTimeout = "20s"
    /// `source.verify` as a YAML flow mapping, e.g. `{mode: head, allowedSignersFile: /tmp/…}`; `nil`: none.
    public var verify: String?

    /// The defaults: drift healed, up to 10 prunes, any namespace and kind, no signature check.
    public init() {}

    /// The `policy` and `health` sections.
    public var yaml: String {
        """
        policy:
          drift: \(drift)
          pruneLimit: \(pruneLimit)
          allowPruneKinds: [\(allowPruneKinds.joined(separator: ", "))]
        \(allowedNamespaces.map { "  allowedNamespaces: [\($0.joined(separator: ", "))]" } ?? "")
        \(allowedClusterKinds.map { "  allowedClusterKinds: [\($0.joined(separator: ", "))]" } ?? "")
        health:
          timeout: \(healthTimeout)
        """
    }
}
