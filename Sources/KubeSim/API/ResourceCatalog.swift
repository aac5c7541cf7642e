// Folder KubeSim/API: the resource types it serves and the API's error bodies.

/// The kinds the server serves: the built-in ones and those defined by CustomResourceDefinitions.
struct ResourceCatalog: Sendable {
    private(set) var types: [ResourceType]

    init() {
        types = Self.builtins
    }

    /// The type served at `group`/`version` under `plural`.
    func type(group: String, version: String, plural: String) -> ResourceType? {
        types.first { $0.group == group && $0.version == version && $0.plural == plural }
    }

    /// The type of `kind` in `group` (any version).
    func type(group: String, kind: String) -> ResourceType? {
        types.first { $0.group == group && $0.kind == kind }
    }

    /// The group/versions served, core first, in a stable order.
    var groupVersions: [(group: String, version: String)] {
        var seen: Set<String> = []
        var result: [(String, String)] = []
        for type in types where seen.insert(type.apiVersion).inserted {
            result.append((type.group, type.version))
        }
        return result
    }

    /// Adds or replaces the types of one CRD.
    mutating func define(_ defined: [ResourceType], replacingGroup group: String, plural: String) {
        types.removeAll { $0.isCustom && $0.group == group && $0.plural == plural }
        types.append(contentsOf: defined)
    }

    /// Removes the types of one CRD.
    mutating func remove(group: String, plural: String) {
        types.removeAll { $0.isCustom && $0.group == group && $0.plural == plural }
    }

    private static let builtins: [ResourceType] = [
        ResourceType(
            group: "",
            version: "v1",
            kind: "Namespace",
            plural: "namespaces",
            singular: "namespace",
            namespaced: false,
            shortNames: ["ns"],
            subresources: ["status"],
            schema: .named("V1Namespace")
        ),
        ResourceType(
            group: "",
            version: "v1",
            kind: "ConfigMap",
            plural: "configmaps",
            singular: "configmap",
            namespaced: true,
            shortNames: ["cm"],
            schema: .named("V1ConfigMap")
        ),
        ResourceType(
            group: "",
            version: "v1",
            kind: "Secret",
            plural: "secrets",
            singular: "secret",
            namespaced: true,
            schema: .named("V1Secret")
        ),
        ResourceType(
            group: "",
            version: "v1",
            kind: "Service",
            plural: "services",
            singular: "service",
            namespaced: true,
            shortNames: ["svc"],
            categories: ["all"],
            subresources: ["status"],
            schema: .named("V1Service")
        ),
        ResourceType(
            group: "",
            version: "v1",
            kind: "ServiceAccount",
            plural: "serviceaccounts",
            singular: "serviceaccount",
            namespaced: true,
            shortNames: ["sa"],
            schema: .named("V1ServiceAccount")
        ),
        ResourceType(
            group: "apps",
            version: "v1",
            kind: "Deployment",
            plural: "deployments",
            singular: "deployment",
            namespaced: true,
            shortNames: ["deploy"],
            categories: ["all"],
            subresources: ["status", "scale"],
            schema: .named("V1Deployment"),
            tracksGeneration: true
        ),
        ResourceType(
            group: "coordination.k8s.io",
            version: "v1",
            kind: "Lease",
            plural: "leases",
            singular: "lease",
            namespaced: true,
            schema: .named("V1Lease"),
            allowsUnconditionalUpdate: false
        ),
        ResourceType(
            group: "rbac.authorization.k8s.io",
            version: "v1",
            kind: "Role",
            plural: "roles",
            singular: "role",
            namespaced: true,
            schema: .named("V1Role")
        ),
        ResourceType(
            group: "rbac.authorization.k8s.io",
            version: "v1",
            kind: "RoleBinding",
            plural: "rolebindings",
            singular: "rolebinding",
            namespaced: true,
            schema: .named("V1RoleBinding")
        ),
        ResourceType(
            group: "rbac.authorization.k8s.io",
            version: "v1",
            kind: "ClusterRole",
            plural: "clusterroles",
            singular: "clusterrole",
            namespaced: false,
            schema: .named("V1ClusterRole")
        ),
        ResourceType(
            group: "rbac.authorization.k8s.io",
            version: "v1",
            kind: "ClusterRoleBinding",
            plural: "clusterrolebindings",
            singular: "clusterrolebinding",
            namespaced: false,
            schema: .named("V1ClusterRoleBinding")
        ),
        ResourceType(
            group: "apiextensions.k8s.io",
            version: "v1",
            kind: "CustomResourceDefinition",
            plural: "customresourcedefinitions",
            singular: "customresourcedefinition",
            namespaced: false,
            shortNames: ["crd", "crds"],
            categories: ["api-extensions"],
            subresources: ["status"],
            schema: .named("V1CustomResourceDefinition"),
            tracksGeneration: true
        ),
    ]
}
