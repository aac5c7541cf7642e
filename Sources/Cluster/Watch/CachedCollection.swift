import Foundation
import MooringCore

/// What the live cache holds of one watched collection: each object as the compact JSON the API server sent (a
/// parsed tree of a thousand Deployments with their managedFields would cost ten times the memory), its
/// resourceVersion, and whether the collection is in sync with the server.
struct CachedCollection: Sendable {
    struct Entry: Sendable {
        var resourceVersion: String
        var json: [UInt8]
    }

    let key: WatchKey
    var entries: [ObjectIdentity: Entry] = [:]
    /// Where the watch resumes: the list's resourceVersion, then each event's and bookmark's.
    var resourceVersion = ""
    /// Listed, and no watch failure since.
    var inSync = false
    /// When it was last listed in full.
    var listedAt: Date?

    init(key: WatchKey) {
        self.key = key
    }

    /// Puts `object` in (or takes it out for a deletion); the change, or `nil` when it changes nothing.
    mutating func apply(_ kind: WatchChange.Kind, _ object: JSONValue, seenAt: ContinuousClock.Instant) -> WatchChange?
    {
        let identity = Resource(object: object).identity
        let version = object["metadata"]?["resourceVersion"]?.stringValue ?? ""
        if !version.isEmpty { resourceVersion = version }
        switch kind {
        case .deleted:
            guard entries.removeValue(forKey: identity) != nil else { return nil }
        case .added, .modified:
            if entries[identity]?.resourceVersion == version { return nil }
            entries[identity] = Entry(resourceVersion: version, json: object.serializedBytes())
        }
        return WatchChange(
            collection: key,
            identity: identity,
            kind: kind,
            resourceVersion: version,
            seenAt: seenAt
        )
    }

    /// Replaces every object with a fresh list's; the changes that list shows against what was held.
    mutating func replace(
        with objects: [JSONValue],
        at version: String,
        seenAt: ContinuousClock.Instant
    )
        -> [WatchChange]
    {
        let previous = entries
        entries = [:]
        var changes: [WatchChange] = []
        for object in objects {
            let known = previous[Resource(object: object).identity] != nil
            if let change = apply(known ? .modified : .added, object, seenAt: seenAt),
                previous[change.identity]?.resourceVersion != change.resourceVersion
            {
                changes.append(change)
            }
        }
        for (identity, entry) in previous where entries[identity] == nil {
            changes.append(
                WatchChange(
                    collection: key,
                    identity: identity,
                    kind: .deleted,
                    resourceVersion: entry.resourceVersion,
                    seenAt: seenAt
                )
            )
        }
        resourceVersion = version
        inSync = true
        listedAt = Date()
        return changes
    }

    /// Every object, parsed.
    func objects() -> [JSONValue] {
        entries.values.compactMap { try? JSONValue.parse($0.json) }
    }
}
