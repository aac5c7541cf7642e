import Cluster
import MooringCore

/// Reads back objects a sync applied (the health stage's polls, the settled resourceVersions) with few API
/// requests.
///
/// `kubectl get -f` sends one request per object, which at thousands of objects costs kubectl more than printing
/// them; a list by Mooring's label sends one request per kind but returns every object Mooring manages of those
/// kinds. So when the references are at least half of the `desired` objects of their kinds
/// (``LiveRules/readsByList(_:desired:)``), the list is read and filtered, and the references it missed (an object
/// whose label was removed meanwhile) are read one by one; otherwise each reference is read.
struct AppliedObjectRead: Sendable {
    var cluster: ClusterClient

    /// The live state of `references`; those that do not exist are left out.
    func run(_ references: [ObjectReference], desired: [Resource]) async throws(ClusterError) -> [JSONValue] {
        guard LiveRules.readsByList(references, desired: desired) else {
            return try await cluster.get(references, ignoreNotFound: true)
        }
        let kinds = Set(references.map { GroupKind(group: $0.identity.group, kind: $0.identity.kind) })
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
