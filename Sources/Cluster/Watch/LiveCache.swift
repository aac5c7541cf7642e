// Folder Cluster/Watch: the live cache — lists, then watches through one `kubectl proxy` or `kubectl get --raw`, of
// Mooring's objects.

import CoreMetrics
public import Foundation
public import Logging
public import MooringCore

/// One target's live state, kept by watches: the objects a sync plans against without a kubectl call.
///
/// The cache follows collections (``WatchKey``): each is listed once, then watched from the list's resourceVersion
/// (``CollectionWatch``) — through the target's one `kubectl proxy --unix-socket`, or, where the proxy cannot serve,
/// by one long-running `kubectl get --raw '…?watch=1'` per collection (``LiveCacheTransport``). A collection answers
/// only while it is in sync; until then (and after a watch failed, until its re-list) a sync lists it with kubectl
/// as it would without a cache. Every change after the first list is also sent on ``changes``, so the daemon can
/// check drift at once rather than at the next poll.
public actor LiveCache {
    public nonisolated let target: String
    /// Each change to an object the cache follows, as it is seen.
    public nonisolated let changes: AsyncStream<WatchChange>
    private let continuation: AsyncStream<WatchChange>.Continuation
    private let options: KubectlOptions
    private let relistInterval: Duration
    private let watchTimeout: ClosedRange<Int>
    private let logger: Logger
    private let transport: LiveCacheTransport
    private var collections: [WatchKey: CachedCollection] = [:]
    private var watches: [WatchKey: Task<Void, Never>] = [:]
    private var catalog: APIResourceCatalog?
    /// When the cluster's kinds were last looked up.
    private var discoveredAt: ContinuousClock.Instant?
    /// Collections whose kind is being looked up.
    private var resolving: Set<WatchKey> = []
    private var failures = 0
    /// When the latest change to each object was seen, until a sync raises drift for it (``driftRaised(for:)``).
    private var seen: [ObjectIdentity: ContinuousClock.Instant] = [:]

    /// A cache for `target`, reaching its cluster as `options` say, listing every collection again in full every
    /// `relistInterval`; each watch asks the server to end it after a number of seconds in `watchTimeout` (spread at
    /// random, as client-go's reflector does), then resumes. With `proxySocket` (a path inside the state directory),
    /// every list and watch goes through one `kubectl proxy` listening there; without, each watch runs its own
    /// `kubectl get --raw`.
    public init(
        target: String,
        options: KubectlOptions,
        relistInterval: Duration = .seconds(600),
        watchTimeout: ClosedRange<Int> = 240...360,
        proxySocket: String? = nil,
        logger: Logger
    ) {
        self.target = target
        self.options = options
        self.relistInterval = relistInterval
        self.watchTimeout = watchTimeout
        self.logger = logger
        transport = LiveCacheTransport(target: target, options: options, proxySocket: proxySocket, logger: logger)
        (changes, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
    }

    /// Starts following the collections of `keys` not followed yet. A kind the cluster does not serve is looked up
    /// again (one discovery, at most once a minute) at a later call, so a CRD a sync installs is followed soon after.
    public func follow(_ keys: some Sequence<WatchKey>) async {
        let new = Set(keys).filter { watches[$0] == nil && !resolving.contains($0) }
        guard !new.isEmpty else { return }
        // Calls overlap while discovery runs (a sync reads its kinds and its inventory side by side).
        resolving.formUnion(new)
        defer { resolving.subtract(new) }
        let unknown = catalog == nil || new.contains { catalog?.resource(for: $0.kind) == nil }
        if unknown, discoveredAt.map({ ContinuousClock.now - $0 > .seconds(60) }) ?? true {
            discoveredAt = .now
            do {
                catalog = try await ClusterClient(options: options, logger: logger).discover()
            } catch {
                logger.warning(
                    "the live cache cannot look up the cluster's kinds; syncs list with kubectl meanwhile",
                    metadata: ["target": "\(target)", "problem": "\(error.message)"]
                )
                return
            }
        }
        for key in new.sorted(by: { $0.description < $1.description }) where watches[key] == nil {
            guard let resource = catalog?.resource(for: key.kind) else { continue }
            let watch = CollectionWatch(
                key: key,
                resource: resource,
                reader: transport,
                relistInterval: relistInterval,
                watchTimeout: watchTimeout,
                cache: self
            )
            collections[key] = CachedCollection(key: key)
            watches[key] = Task { await watch.run() }
        }
    }

    /// The objects of `key`, or `nil` while that collection is not followed or not in sync. Each object `settled`
    /// names at the resourceVersion the cache holds is only a reference to it (see ``CachedCollection``).
    public func objects(_ key: WatchKey, settled: [ObjectIdentity: String] = [:]) -> [JSONValue]? {
        guard let collection = collections[key], collection.inSync else { return nil }
        return collection.objects(settled: settled)
    }

    /// Whether the collection of `key` is followed and in sync.
    public func isInSync(_ key: WatchKey) -> Bool {
        collections[key]?.inSync ?? false
    }

    /// The resourceVersion of each of `identities` the cache holds (those it does not hold are left out).
    public func resourceVersions(of identities: Set<ObjectIdentity>) -> [ObjectIdentity: String] {
        var versions: [ObjectIdentity: String] = [:]
        for collection in collections.values {
            for identity in identities {
                if let entry = collection.entries[identity] { versions[identity] = entry.resourceVersion }
            }
        }
        return versions
    }

    /// Records, in `mooring_drift_detection_seconds{target}`, how long after its watch saw the change to `identity`
    /// a sync raised drift for it (once per change).
    public func driftRaised(for identity: ObjectIdentity) {
        guard let seenAt = seen.removeValue(forKey: identity) else { return }
        let elapsed = ContinuousClock.now - seenAt
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        Timer(label: "mooring_drift_detection_seconds", dimensions: [("target", target)])
            .recordNanoseconds(nanoseconds)
    }

    public func status() -> LiveCacheStatus {
        let listed = collections.values.compactMap(\.listedAt)
        return LiveCacheStatus(
            inSync: !collections.isEmpty && collections.values.allSatisfy(\.inSync),
            collections: collections.count,
            lastRelist: listed.count == collections.count ? listed.min() : nil,
            restarts: failures,
            transport: transport.name
        )
    }

    /// Stops every watch (and its kubectl), and the proxy.
    public func stop() async {
        for watch in watches.values { watch.cancel() }
        for watch in watches.values { await watch.value }
        watches = [:]
        await transport.stop()
        continuation.finish()
    }

    // MARK: - From the watches

    func replace(_ key: WatchKey, with objects: [JSONValue], at version: String) {
        let now = ContinuousClock.now
        let first = collections[key]?.listedAt == nil
        guard let changes = collections[key]?.replace(with: objects, at: version, seenAt: now) else { return }
        logger.debug(
            "live cache listed",
            metadata: ["target": "\(target)", "collection": "\(key)", "objects": "\(objects.count)"]
        )
        if !first { for change in changes { publish(change) } }
    }

    func apply(_ key: WatchKey, _ kind: WatchChange.Kind, _ object: JSONValue) {
        Counter(
            label: "mooring_watch_events_total",
            dimensions: [("target", target), ("kind", key.kind.description), ("type", kind.rawValue)]
        ).increment()
        let before = collections[key]?.entries[Resource(object: object).identity]
        guard let change = collections[key]?.apply(kind, object, seenAt: .now) else { return }
        // A status update (a controller reporting a rollout) is no change to what Mooring applies.
        if kind == .modified, let before, !ObjectContent.differs(before.json, object) { return }
        publish(change)
    }

    func advance(_ key: WatchKey, to version: String) {
        collections[key]?.resourceVersion = version
    }

    func resourceVersion(of key: WatchKey) -> String {
        collections[key]?.resourceVersion ?? ""
    }

    func lost(_ key: WatchKey, problem: String) {
        collections[key]?.inSync = false
        failures += 1
        Counter(label: "mooring_watch_restarts_total", dimensions: [("target", target)]).increment()
        logger.warning(
            "a live-cache watch failed; syncs list this kind with kubectl until it is listed again",
            metadata: ["target": "\(target)", "collection": "\(key)", "problem": "\(problem)"]
        )
    }

    private func publish(_ change: WatchChange) {
        seen[change.identity] = change.seenAt
        continuation.yield(change)
    }
}
