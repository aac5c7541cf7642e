// Folder MooringDaemon/LiveState: the live caches the daemon keeps by watches, and what it does with their changes.

import Cluster
import Foundation
import Logging
import ServiceLifecycle
import Sync
import Timing

/// Keeps each target's live cache (``LiveCache``) for the daemon: syncs plan against it, a change a watch sees to
/// one of Mooring's objects that the journal does not explain wakes the sync loop (``LiveChangeGate``, after
/// ``debounce``, so a burst of changes is one sync), and the status page shows how each cache stands. The caches
/// stop (their watches with them) at shutdown.
struct LiveStateService: Service {
    let engine: SyncEngine
    let caches: [LiveCache]
    let trigger: SyncTrigger
    let status: DaemonStatus
    let logger: Logger
    /// How long after a change the sync starts: the changes that follow within it are handled by the same sync.
    var debounce: Duration = .milliseconds(150)

    /// A cache for each target of `configuration` whose cluster settings keep one (`cluster.watch`), attached to
    /// `engine`.
    static func caches(
        for configuration: MooringConfiguration,
        engine: SyncEngine,
        logger: Logger
    ) async -> [LiveCache] {
        var caches: [LiveCache] = []
        for target in configuration.targets where target.cluster.watch {
            let cache = LiveCache(
                target: target.name,
                options: configuration.kubectlOptions(for: target),
                relistInterval: target.cluster.relistInterval,
                proxySocket: "\(configuration.stateDirectory)/kube-proxy/\(target.name).sock",
                logger: logger
            )
            await engine.attach(cache)
            caches.append(cache)
        }
        return caches
    }

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            let gate = LiveChangeGate(
                engine: engine,
                caches: caches,
                trigger: trigger,
                status: status,
                delay: debounce
            )
            for cache in caches {
                group.addTask {
                    for await change in cache.changes
                    where change.collection.selector == ClusterClient.managedBySelector {
                        await gate.note(change, target: cache.target)
                    }
                }
            }
            group.addTask { await publishStatus() }
            try? await gracefulShutdown()
            for cache in caches { await cache.stop() }
            group.cancelAll()
        }
    }

    /// Puts each cache's status on the status page, every second until cancelled.
    private func publishStatus() async {
        while !Task.isCancelled {
            for cache in caches { await status.recordLiveCache(cache.target, await cache.status()) }
            try? await CancellableSleep.sleep(for: .seconds(1))
        }
    }
}
