/// The parts of the host configuration (`/etc/mooring/mooring.yaml`) a scenario varies.
struct HostPolicy: Sendable {
    var drift = "heal"
    var pruneLimit = 10
    var allowPruneKinds: [String] = []
    /// `nil`: any namespace.
    var allowedNamespaces: [String]?
    /// `nil`: any cluster-scoped kind.
    var allowedClusterKinds: [String]?
    /// Short, so a rollout that never becomes healthy fails the test quickly.
    var healthTimeout = "20s"
    /// `source.verify` as a YAML flow mapping, e.g. `{mode: head, allowedSignersFile: /tmp/…}`; `nil`: none.
    var verify: String?

    /// The `policy` and `health` sections.
    var yaml: String {
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
