/// Where validation learns which kinds are cluster-scoped.
public enum KindScopeSource: Sendable, Equatable {
    /// Offline (`mooring validate`): the kinds Kubernetes and KServe ship, and the CustomResourceDefinitions
    /// in the folder. A kind neither knows is taken to be namespaced with an `unresolved-kind` warning —
    /// an error when `strict`.
    case builtIn(strict: Bool)
    /// At sync and diff time: the cluster's discovery, and the CustomResourceDefinitions in the folder for
    /// kinds the cluster does not serve yet. A kind neither knows is refused (`kind-not-served`).
    case cluster([KindScope])
}
