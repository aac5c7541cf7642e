import Cluster
import MooringCore
import Reconciler

/// The pure decisions of reading the live state: which kinds to list, which objects the plan needs only as a
/// reference, and whether applied objects are read back with a list or one by one.
enum LiveRules {
    /// Below this many objects, reading them one by one is cheap whatever the share.
    static let listThreshold = 100

    /// The kinds of `identities`, each once, sorted.
    static func kinds(of identities: [ObjectIdentity]) -> [GroupKind] {
        Array(Set(identities.map { GroupKind(group: $0.group, kind: $0.kind) })).sorted()
    }

    /// The kinds still to list once `early` ran: those it did not cover when it succeeded, all of them otherwise;
    /// and the objects it already read.
    static func remaining(_ kinds: [GroupKind], early: EarlyList?) -> (kinds: [GroupKind], listed: [JSONValue]) {
        guard let early, case .success(let listed) = early.objects else { return (kinds, []) }
        return (kinds.filter { !early.kinds.contains($0) }, listed)
    }

    /// The resourceVersion each desired object of the inventory was verified at: the plan needs those only as a
    /// reference while they are still at that version.
    static func settled(_ inventory: [AppliedRecord], desired: [Resource]) -> [ObjectIdentity: String] {
        let wanted = Set(desired.map(\.identity))
        var settled: [ObjectIdentity: String] = [:]
        for record in inventory where wanted.contains(record.identity) {
            settled[record.identity] = record.verifiedResourceVersion
        }
        return settled
    }

    /// Whether `references` are read with one list per kind (filtered) rather than one request each: when there
    /// are at least ``listThreshold`` of them and they are at least half of the `desired` objects of their kinds.
    static func readsByList(_ references: [ObjectReference], desired: [Resource]) -> Bool {
        let kinds = Set(references.map { GroupKind(group: $0.identity.group, kind: $0.identity.kind) })
        let population = desired.count { kinds.contains(GroupKind(group: $0.identity.group, kind: $0.identity.kind)) }
        return references.count >= listThreshold && references.count * 2 >= population
    }

    /// The objects live by identity (the last one read wins).
    static func byIdentity(_ objects: [JSONValue]) -> [ObjectIdentity: JSONValue] {
        var live: [ObjectIdentity: JSONValue] = [:]
        for object in objects { live[Resource(object: object).identity] = object }
        return live
    }
}
