public import MooringCore

/// The order in which a sync applies objects: what others depend on first. Prunes run in reverse.
public enum ApplyPhase: Int, Sendable, Comparable, CaseIterable, Codable {
    /// Namespaces and CustomResourceDefinitions (a CRD must be Established before its objects).
    case foundations
    /// Other cluster-scoped objects (ClusterRoles, StorageClasses…).
    case clusterScoped
    /// Namespaced configuration: ServiceAccounts, ConfigMaps, Secrets, Roles, Services…
    case configuration
    /// Workloads and everything else.
    case workloads
    /// Model serving objects (anything rendered from a ModelDeployment, InferenceServices).
    case models

    public static func < (lhs: ApplyPhase, rhs: ApplyPhase) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Within a phase, kinds in this order (the order Argo CD and Helm use), then the rest by name.
    static let kindOrder: [String] = [
        "Namespace", "CustomResourceDefinition", "PriorityClass", "StorageClass", "PersistentVolume",
        "ClusterRole", "ClusterRoleBinding", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodDisruptionBudget",
        "ServiceAccount", "Secret", "ConfigMap", "PersistentVolumeClaim", "Role", "RoleBinding", "Service",
        "DaemonSet", "Pod", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
        "IngressClass", "Ingress", "InferenceService",
    ]

    static let configurationKinds: Set<String> = [
        "NetworkPolicy", "ResourceQuota", "LimitRange", "PodDisruptionBudget", "ServiceAccount", "Secret", "ConfigMap",
        "PersistentVolumeClaim", "Role", "RoleBinding", "Service",
    ]

    /// The phase of one object.
    public static func of(_ resource: Resource) -> ApplyPhase {
        let kind = resource.kind
        if kind == "Namespace" || kind == "CustomResourceDefinition" { return .foundations }
        if resource.labels[ObjectLabels.model] != nil || kind == "InferenceService" { return .models }
        if resource.namespace == nil { return .clusterScoped }
        if configurationKinds.contains(kind) { return .configuration }
        return .workloads
    }

    /// `resources` grouped by phase, phases in apply order, each sorted by kind order then identity. Each object's
    /// rank and identity are read from its JSON once, not at every comparison of the sort.
    public static func ordered(_ resources: [Resource]) -> [(phase: ApplyPhase, resources: [Resource])] {
        let keyed = resources.map { resource in
            (rank: kindOrder.firstIndex(of: resource.kind) ?? kindOrder.count, identity: resource.identity, resource)
        }
        let grouped = Dictionary(grouping: keyed) { of($0.2) }
        return allCases.compactMap { phase in
            guard let members = grouped[phase], !members.isEmpty else { return nil }
            let sorted = members.sorted { lhs, rhs in
                lhs.rank != rhs.rank ? lhs.rank < rhs.rank : lhs.identity < rhs.identity
            }
            return (phase, sorted.map(\.2))
        }
    }
}
