/// One kind the simulated server serves, with everything discovery, routing and storage need.
struct ResourceType: Sendable {
    var group: String
    var version: String
    var kind: String
    /// The resource name in URLs, such as `deployments`.
    var plural: String
    var singular: String
    var namespaced: Bool
    var shortNames: [String] = []
    var categories: [String] = []
    /// Subresources served besides the main resource: `status`, `scale`.
    var subresources: Set<String> = []
    var schema: Schema
    /// Whether `metadata.generation` is kept (bumped on spec changes).
    var tracksGeneration = false
    /// Whether the kind is defined by a CustomResourceDefinition (merge patches only, pruning, generation on any non-metadata change).
    var isCustom = false
    /// Extra columns for `kubectl get` tables (a CRD's `additionalPrinterColumns`).
    var printerColumns: [PrinterColumn] = []
    /// Whether a PUT without `metadata.resourceVersion` overwrites whatever is stored; kinds that serve as locks
    /// (Lease) refuse it, as the real registry's `AllowUnconditionalUpdate` does.
    var allowsUnconditionalUpdate = true

    var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    var groupVersion: String { apiVersion }
    /// `deployments.apps`, or `configmaps` for the core group: how errors name the resource.
    var groupResource: String { group.isEmpty ? plural : "\(plural).\(group)" }
    /// `Deployment.apps`, or `ConfigMap`: how validation errors name the kind.
    var qualifiedKind: String { group.isEmpty ? kind : "\(kind).\(group)" }
    var listKind: String { kind + "List" }

    static let verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
}

/// A column of a `kubectl get` table taken from the object by a simple JSONPath.
struct PrinterColumn: Sendable {
    var name: String
    var type: String
    var jsonPath: String
    var description: String = ""
    var priority: Int = 0
}
