import Cluster
import MooringCore

/// Which settled resourceVersions a sync records for what it applied: a pure rule.
enum SettledVersions {
    /// The references of `resources` that `known` (the objects already read) does not hold.
    static func unread(_ resources: [Resource], known: [JSONValue]) -> [ObjectReference] {
        let identities = Set(known.map { Resource(object: $0).identity })
        return resources.filter { !identities.contains($0.identity) }.compactMap { ObjectReference(object: $0.object) }
    }

    /// The resourceVersion of each of `objects` that has one, by identity (the last read wins).
    static func versions(in objects: [JSONValue]) -> [ObjectIdentity: String] {
        var versions: [ObjectIdentity: String] = [:]
        for object in objects {
            if let version = object["metadata"]?["resourceVersion"]?.stringValue {
                versions[Resource(object: object).identity] = version
            }
        }
        return versions
    }
}
