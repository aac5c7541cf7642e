import Cluster
import MooringCore

extension SyncEngine {
    /// The health stage of a sync against `cluster`, reading objects as ``readLive(_:desired:cluster:)`` does.
    func healthStage(cluster: ClusterClient) -> HealthStage {
        HealthStage(timeout: configuration.health.timeout) { [self] references, desired throws(ClusterError) in
            try await readLive(references, desired: desired, cluster: cluster)
        }
    }
}
