import Cluster
import Logging
import MooringCore

/// How the live-state stage reads the cluster: from the target's live cache (``LiveCache``, kept by watches in the
/// daemon) for every collection the cache has in sync, and with kubectl for the rest — every collection when there
/// is no cache (`mooring sync`, `mooring diff`), and while the cache is still listing or re-listing.
struct LiveReader: Sendable {
    var cluster: ClusterClient
    var cache: LiveCache?
    var logger: Logger

    /// The live objects of `kinds` that carry Mooring's label. A kind the cluster does not serve (a CRD this sync
    /// creates) fails the kubectl list with ``ClusterError/Code/unknownKind``; see ``SyncEngine/livePlan``.
    func managedObjects(of kinds: [GroupKind]) async throws(ClusterError) -> [JSONValue] {
        guard let cache else { return try await cluster.listManaged(kinds: kinds) }
        await cache.follow(kinds.map { WatchKey(kind: $0) })
        var objects: [JSONValue] = []
        var uncached: [GroupKind] = []
        for kind in kinds {
            if let cached = await cache.objects(WatchKey(kind: kind)) {
                objects += cached
            } else {
                uncached.append(kind)
            }
        }
        guard !uncached.isEmpty else { return objects }
        logger.debug(
            "listing with kubectl: the live cache is not in sync for these kinds yet",
            metadata: ["target": "\(cache.target)", "kinds": "\(uncached.map(\.description).joined(separator: ","))"]
        )
        return objects + (try await cluster.listManaged(kinds: uncached))
    }

    /// One of Mooring's own ConfigMaps in `namespace` (the inventory, the aborted canaries), labelled
    /// `app.kubernetes.io/part-of: mooring`; `nil` when it does not exist.
    func bookkeeping(_ name: String, in namespace: String) async throws(ClusterError) -> JSONValue? {
        if let cache {
            let key = WatchKey(
                kind: GroupKind(group: "", kind: "ConfigMap"),
                namespace: namespace,
                selector: "\(ClusterInventory.partOfLabel)=mooring"
            )
            await cache.follow([key])
            if let objects = await cache.objects(key) {
                return objects.first { Resource(object: $0).name == name }
            }
        }
        let reference = ObjectReference(apiVersion: "v1", kind: "ConfigMap", namespace: namespace, name: name)
        return try await cluster.get([reference], ignoreNotFound: true).first
    }
}
