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
    /// creates) fails the kubectl list with ``ClusterError/Code/unknownKind``; see ``LiveStateStage``.
    ///
    /// `settled` names objects the plan needs only the identity and resourceVersion of while they are still at the
    /// version given (desired objects Mooring verified there, see ``AppliedRecord/isVerified(at:)``): the cache gives
    /// those as a reference rather than parsing them.
    func managedObjects(
        of kinds: [GroupKind],
        settled: [ObjectIdentity: String] = [:]
    ) async throws(ClusterError) -> [JSONValue] {
        guard let cache else { return try await cluster.listManaged(kinds: kinds) }
        await cache.follow(kinds.map { WatchKey(kind: $0) })
        var objects: [JSONValue] = []
        var uncached: [GroupKind] = []
        for kind in kinds {
            if let cached = await cache.objects(WatchKey(kind: kind), settled: settled) {
                objects += cached
            } else {
                uncached.append(kind)
            }
        }
        return objects + (try await listed(uncached))
    }

    /// What a list taken before the desired state is known reads: with kubectl, the kinds the cache does not have in
    /// sync (every kind without a cache); the rest are read from the cache once the plan knows which objects settled.
    func earlyList(of kinds: [GroupKind]) async throws(ClusterError) -> (kinds: [GroupKind], objects: [JSONValue]) {
        guard let cache else { return (kinds, try await cluster.listManaged(kinds: kinds)) }
        await cache.follow(kinds.map { WatchKey(kind: $0) })
        var uncached: [GroupKind] = []
        for kind in kinds where await !cache.isInSync(WatchKey(kind: kind)) { uncached.append(kind) }
        return (uncached, try await listed(uncached))
    }

    /// `kinds` listed with kubectl because the cache does not have them in sync (said at `-v`).
    private func listed(_ kinds: [GroupKind]) async throws(ClusterError) -> [JSONValue] {
        guard !kinds.isEmpty else { return [] }
        if let cache {
            logger.debug(
                "listing with kubectl: the live cache is not in sync for these kinds yet",
                metadata: ["target": "\(cache.target)", "kinds": "\(kinds.map(\.description).joined(separator: ","))"]
            )
        }
        return try await cluster.listManaged(kinds: kinds)
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
