import MooringCore

/// Which kinds are cluster-scoped: the built-in ones Kubernetes (and KServe) ship, and any
/// CustomResourceDefinition in the same folder, which states the scope of its kind.
struct ResourceScope {
    private struct Key: Hashable {
        var group: String
        var kind: String
    }

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

    /// Learns the scope of a CRD's kind (`spec.group`, `spec.names.kind`, `spec.scope`).
    mutating func learn(fromCustomResourceDefinition object: JSONValue) {
        guard let group = object["spec"]?["group"]?.stringValue,
            let kind = object["spec"]?["names"]?["kind"]?.stringValue,
            let scope = object["spec"]?["scope"]?.stringValue
        else { return }
        declared[Key(group: group, kind: kind)] = scope == "Cluster"
    }

    /// Whether objects of this kind live outside namespaces; unknown kinds are taken to be namespaced.
    func isClusterScoped(group: String, kind: String) -> Bool {
        let key = Key(group: group, kind: kind)
        return declared[key] ?? Self.builtInClusterScoped.contains(key)
    }
}
