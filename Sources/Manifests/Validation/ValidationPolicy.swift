/// The host's guardrails for a deploy folder, from `/etc/mooring/mooring.yaml` (never from git), so a
/// pull request cannot loosen them.
public struct ValidationPolicy: Sendable, Equatable {
    /// The namespace given to namespaced objects that name none; `nil` makes a missing namespace an error.
    public var defaultNamespace: String?
    /// Namespaces objects may live in; `nil` allows any.
    public var allowedNamespaces: Set<String>?
    /// Cluster-scoped kinds the folder may hold (`Namespace`, or `ClusterRole.rbac.authorization.k8s.io`
    /// to name the group too); `nil` allows any.
    public var allowedClusterKinds: Set<String>?
    /// Gates every model must pass, by metric, whatever its own file declares.
    public var gateFloors: [String: GateFloor]
    /// Input limits.
    public var limits: InputLimits
    /// Whether every canary must have `spec.analysis` with at least one check.
    public var requireCanaryAnalysis: Bool

    public init(
        defaultNamespace: String? = nil,
        allowedNamespaces: Set<String>? = nil,
        allowedClusterKinds: Set<String>? = nil,
        gateFloors: [String: GateFloor] = [:],
        limits: InputLimits = InputLimits(),
        requireCanaryAnalysis: Bool = false
    ) {
        self.defaultNamespace = defaultNamespace
        self.allowedNamespaces = allowedNamespaces
        self.allowedClusterKinds = allowedClusterKinds
        self.gateFloors = gateFloors
        self.limits = limits
        self.requireCanaryAnalysis = requireCanaryAnalysis
    }

    /// Whether the host allows a cluster-scoped object of this group and kind.
    func allowsClusterKind(group: String, kind: String) -> Bool {
        guard let allowedClusterKinds else { return true }
        return allowedClusterKinds.contains(kind)
            || allowedClusterKinds.contains(group.isEmpty ? kind : "\(kind).\(group)")
    }
}
