import Cluster
import MooringCore
import Sync
import Timing

/// Decides whether the changes the live caches saw call for a sync: a short while after the first of a burst
/// (``delay``), once no sync runs, it asks the engine whether the journal explains every changed object at its
/// current version (Mooring's own applies and prunes, which the sync that made them recorded) and wakes the sync
/// loop only when it does not — drift, or a deletion by hand.
actor LiveChangeGate {
    private let engine: SyncEngine
    private let caches: [String: LiveCache]
    private let trigger: SyncTrigger
    private let status: DaemonStatus
    private let delay: Duration
    /// The objects changed since the last check, per target.
    private var pending: [String: Set<ObjectIdentity>] = [:]
    private var scheduled = false

    init(engine: SyncEngine, caches: [LiveCache], trigger: SyncTrigger, status: DaemonStatus, delay: Duration) {
        self.engine = engine
        self.caches = Dictionary(caches.map { ($0.target, $0) }, uniquingKeysWith: { first, _ in first })
        self.trigger = trigger
        self.status = status
        self.delay = delay
    }

    /// Notes a change a target's cache saw; the check runs ``delay`` after the first one not yet checked.
    func note(_ change: WatchChange, target: String) {
        pending[target, default: []].insert(change.identity)
        guard !scheduled else { return }
        scheduled = true
        Task { await check() }
    }

    private func check() async {
        try? await CancellableSleep.sleep(for: delay)
        // A sync in progress records what it writes only when it ends: its own changes are judged after it.
        while await status.isSyncing, !Task.isCancelled {
            try? await CancellableSleep.sleep(for: .milliseconds(50))
        }
        let changed = pending
        pending = [:]
        scheduled = false
        for (target, identities) in changed {
            guard let cache = caches[target] else { continue }
            let versions = await cache.resourceVersions(of: identities)
            if await engine.needsSync(target, changed: identities, live: versions) {
                await trigger.request()
                return
            }
        }
    }
}
