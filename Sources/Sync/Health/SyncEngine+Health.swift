import Cluster
import MooringCore

extension SyncEngine {
    /// The health stage of a sync against `cluster`, reading objects back as ``AppliedObjectRead`` does.
    func healthStage(cluster: ClusterClient) -> HealthStage {
        let read = AppliedObjectRead(cluster: cluster)
        return HealthStage(timeout: configuration.health.timeout) { references, desired throws(ClusterError) in
            try await read.run(references, desired: desired)
        }
    }
}
