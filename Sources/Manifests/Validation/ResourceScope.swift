import MooringCore

/// Which kinds are cluster-scoped: from the cluster's discovery when there is a cluster, else the built-in
/// kinds Kubernetes (and KServe) ship; and in both cases any CustomResourceDefinition in the same folder,
/// which states the scope of its kind.
struct ResourceScope {
    private struct Key: Hashable {
        var group: String
        var kind: String
    }

    /// What is known of a kind's scope.
    enum Resolution {
        case clusterScoped
        case namespaced
        /// Neither the cluster (or the built-in table), nor a CRD in the folder, says.
        case unresolved
    }

    /// Namespaced kinds Kubernetes and KServe ship, so that offline validation can tell them from kinds it
    /// does not know.
    private static let builtInNamespaced: Set<Key> = {
        let kinds: [String: [String]] = [
            "": [
                "Pod", "Service", "ConfigMap", "Secret", "ServiceAccount", "PersistentVolumeClaim", "Endpoints",
                "Event", "LimitRange", "ResourceQuota", "ReplicationController", "PodTemplate",
            ],
            "apps": ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision"],
            "batch": ["Job", "CronJob"],
            "autoscaling": ["HorizontalPodAutoscaler"],
            "networking.k8s.io": ["Ingress", "NetworkPolicy"],
            "policy": ["PodDisruptionBudget"],
            "rbac.authorization.k8s.io": ["Role", "RoleBinding"],
            "coordination.k8s.io": ["Lease"],
            "discovery.k8s.io": ["EndpointSlice"],
            "events.k8s.io": ["Event"],
            "storage.k8s.io": ["CSIStorageCapacity"],
            "serving.kserve.io": ["InferenceService", "ServingRuntime", "TrainedModel", "InferenceGraph"],
            "mooring.dev": ["ModelDeployment", "ModelVersion"],
        ]
        return Set(kinds.flatMap { group, names in names.map { Key(group: group, kind: $0) } })
    }()

    private static let builtInClusterScoped: Set<Key> = {
        let kinds: [String: [String]] = [
            "": ["Namespace", "Node", "PersistentVolume", "ComponentStatus"],
            "rbac.authorization.k8s.io": ["ClusterRole", "ClusterRoleBinding"],
            "apiextensions.k8s.io": ["CustomResourceDefinition"],
            "storage.k8s.io": ["StorageClass", "CSIDriver", "CSINode", "VolumeAttachment"],
            "scheduling.k8s.io": ["PriorityClass"],
            "networking.k8s.io": ["IngressClass", "IPAddress", "ServiceCIDR"],
            "node.k8s.io": ["RuntimeClass"],
            "admissionregistration.k8s.io": [
                "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy",
                "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding",
            ],
            "apiregistration.k8s.io": ["APIService"],
            "certificates.k8s.io": ["CertificateSigningRequest", "ClusterTrustBundle"],
            "flowcontrol.apiserver.k8s.io": ["FlowSchema", "PriorityLevelConfiguration"],
            "resource.k8s.io": ["DeviceClass"],
            "serving.kserve.io": ["ClusterServingRuntime", "ClusterStorageContainer", "ClusterLocalModel"],
        ]
        return Set(kinds.flatMap { group, names in names.map { Key(group: group, kind: $0) } })
    }()

    private var declared: [Key: Bool] = [:]
    /// The cluster's word, when there is a cluster: kind → cluster-scoped.
    private let served: [Key: Bool]?

    init(source: KindScopeSource = .builtIn(strict: false)) {
        switch source {
        case .builtIn:
            served = nil
        case .cluster(let scopes):
            served = Dictionary(
                scopes.map { (Key(group: $0.group, kind: $0.kind), !$0.namespaced) },
                uniquingKeysWith: { first, _ in first }
            )
        }
    }

    /// Learns the scope of a CRD's kind (`spec.group`, `spec.names.kind`, `spec.scope`).
    mutating func learn(fromCustomResourceDefinition object: JSONValue) {
        guard let group = object["spec"]?["group"]?.stringValue,
            let kind = object["spec"]?["names"]?["kind"]?.stringValue,
            let scope = object["spec"]?["scope"]?.stringValue
        else { return }
        declared[Key(group: group, kind: kind)] = scope == "Cluster"
    }

    /// The scope of a kind: the cluster's word first, then a CRD in the folder, then (offline only) the
    /// built-in tables. Mooring's own kinds are namespaced; the cluster does not serve them.
    func resolve(group: String, kind: String) -> Resolution {
        let key = Key(group: group, kind: kind)
        if group == MooringKind.group { return .namespaced }
        if let clusterScoped = served?[key] ?? declared[key] { return clusterScoped ? .clusterScoped : .namespaced }
        guard served == nil else { return .unresolved }
        if Self.builtInClusterScoped.contains(key) { return .clusterScoped }
        return Self.builtInNamespaced.contains(key) ? .namespaced : .unresolved
    }
}
