import Cluster
import Manifests

extension SyncEngine {
    /// The scope of every kind `target`'s cluster serves, from its discovery (`kubectl api-resources`), for
    /// validating a commit at sync and diff time: a kind's scope is the cluster's word, never a guess.
    func clusterScopes(for target: TargetSettings) async throws(ClusterError) -> KindScopeSource {
        let cluster = ClusterClient(options: configuration.kubectlOptions(for: target), logger: logger)
        let catalog = try await cluster.discover()
        return .cluster(
            catalog.resources.map { KindScope(group: $0.group, kind: $0.kind, namespaced: $0.namespaced) }
        )
    }
}
