import Manifests
import Sync

extension ValidationPolicy {
    /// The host policy of one configured target, as the Manifests stage applies it.
    init(_ settings: PolicySettings) {
        self.init(
            defaultNamespace: settings.defaultNamespace,
            allowedNamespaces: settings.allowedNamespaces.map(Set.init),
            allowedClusterKinds: settings.allowedClusterKinds.map(Set.init),
            gateFloors: settings.gateFloors.mapValues { Manifests.GateFloor(min: $0.min, max: $0.max) }
        )
    }
}
