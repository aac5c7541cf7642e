import Cluster
import MooringCore

extension SyncEngine {
    /// Below this many objects, reading them one by one is cheap whatever the share.
    static let listThreshold = 100

    /// The live state of `references` (those that do not exist are left out), read with few API requests.
    ///
    /// `kubectl get -f` sends one request per object, which at thousands of objects costs kubectl more than
    /// printing them; a list by Mooring's label sends one request per kind but returns every object Mooring
    /// manages of those kinds. So when the references are at least half of the `desired` objects of their
    /// kinds, the list is read and filtered, and the references it missed (an object whose label was removed
    /// meanwhile) are read one by one; otherwise each reference is read.
    func readLive(
        _ references: [ObjectReference],
        desired: [Resource],
        cluster: ClusterClient
    ) async throws(ClusterError) -> [JSONValue] {
        let kinds = Set(references.map { GroupKind(group: $0.identity.group, kind: $0.identity.kind) })
        let population = desired.count { kinds.contains(GroupKind(group: $0.identity.group, kind: $0.identity.kind)) }
        guard references.count >= Self.listThreshold, references.count * 2 >= population else {
            return try await cluster.get(references, ignoreNotFound: true)
        }
        let wanted = Set(references.map(\.identity))
        var found: Set<ObjectIdentity> = []
        var objects: [JSONValue] = []
        for object in try await cluster.listManaged(kinds: kinds.sorted()) {
            let identity = Resource(object: object).identity
            guard wanted.contains(identity), found.insert(identity).inserted else { continue }
            objects.append(object)
        }
        let missed = references.filter { !found.contains($0.identity) }
        return objects + (try await cluster.get(missed, ignoreNotFound: true))
    }
}
