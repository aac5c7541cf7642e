import Foundation
import MooringCore

/// What the live cache holds of one watched collection: each object as the compact JSON the API server sent, less
/// its status (a parsed tree of a thousand Deployments with their managedFields would cost ten times the memory),
/// its resourceVersion, and whether the collection is in sync with the server.
struct CachedCollection: Sendable {
    struct Entry: Sendable {
        var resourceVersion: String
        var apiVersion: String
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
            entries[identity] = Entry(
                resourceVersion: version,
                apiVersion: object["apiVersion"]?.stringValue ?? "",
                json: Self.withoutStatus(object).serializedBytes()
            )
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

    /// `object` without what only its controllers write — its `status`, and the managedFields entries of the status
    /// subresource — which no sync reads (health reads live objects with kubectl): a third of a Deployment's bytes.
    private static func withoutStatus(_ object: JSONValue) -> JSONValue {
        var object = object
        object["status"] = nil
        if let fields = object["metadata"]?["managedFields"]?.arrayValue {
            object.set(
                .array(fields.filter { $0["subresource"]?.stringValue != "status" }),
                at: FieldPath([.key("metadata"), .key("managedFields")])
            )
        }
        return object
    }

    /// Every object, parsed — except each that `settled` names at the resourceVersion the cache holds: the plan reads
    /// nothing of those but their identity and version, so they are given as a reference (apiVersion, kind, name,
    /// namespace and resourceVersion) without parsing a thousand objects at every poll.
    func objects(settled: [ObjectIdentity: String]) -> [JSONValue] {
        entries.compactMap { identity, entry in
            guard settled[identity] != entry.resourceVersion else { return Self.reference(identity, entry) }
            return try? JSONValue.parse(entry.json)
        }
    }

    private static func reference(_ identity: ObjectIdentity, _ entry: Entry) -> JSONValue {
        var metadata: [String: JSONValue] = [
            "name": .string(identity.name), "resourceVersion": .string(entry.resourceVersion),
        ]
        if let namespace = identity.namespace { metadata["namespace"] = .string(namespace) }
        return .object([
            "apiVersion": .string(entry.apiVersion), "kind": .string(identity.kind), "metadata": .object(metadata),
        ])
    }
}
