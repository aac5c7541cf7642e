import Cluster
import Foundation
import MooringCore
import Reconciler

extension SyncEngine {
    /// Kinds whose readiness a sync waits for after applying them.
    static let healthKinds: Set<String> = ["Deployment", "InferenceService", "CustomResourceDefinition"]

    /// Waits until `resources` are ready and serve the versions they should (`health.timeout`).
    /// Returns whether they did; raises `health_degraded` naming each object that did not. Each poll reads them
    /// as ``readLive(_:desired:cluster:)`` does.
    func waitUntilReady(
        _ resources: [Resource],
        desired: [Resource],
        cluster: ClusterClient,
        run: inout TargetRun
    ) async -> Bool {
        let watched = resources.filter { Self.healthKinds.contains($0.kind) }
        guard !watched.isEmpty else { return true }
        let references = watched.compactMap { ObjectReference(object: $0.object) }
        let wanted = Dictionary(watched.map { ($0.identity, $0.object) }, uniquingKeysWith: { first, _ in first })
        let deadline = ContinuousClock.now + configuration.health.timeout
        var problems: [String] = []
        // Short pauses first (what was applied last needs a moment), then longer ones, so a long rollout
        // is not polled needlessly often.
        var pause = Duration.milliseconds(100)
        run.progress("waiting for \(watched.count) object(s) to become ready")
        while true {
            problems = []
            do {
                let live = try await readLive(references, desired: desired, cluster: cluster)
                let byIdentity = Dictionary(live.map { (Resource(object: $0).identity, $0) }, uniquingKeysWith: { first, _ in first })
                for reference in references {
                    guard let object = byIdentity[reference.identity] else {
                        problems.append("\(reference.identity) does not exist")
                        continue
                    }
                    let readiness = Readiness(of: object)
                    if !readiness.isReady {
                        problems.append(readiness.description)
                    } else if let expected = wanted[reference.identity],
                        let mismatch = ServedVersionCheck.mismatch(desired: expected, live: object)
                    {
                        problems.append("\(reference.identity) \(mismatch)")
                    }
                }
            } catch {
                problems = ["readiness could not be read: \(error.message)"]
            }
            if problems.isEmpty { return true }
            guard ContinuousClock.now < deadline else { break }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(1))
        }
        run.raise(
            SyncEvent(
                .healthDegraded,
                .warning,
                "not healthy after \(GoDuration.format(configuration.health.timeout)): " + problems.joined(separator: "; "),
                fields: ["objects": String(problems.count)]
            )
        )
        return false
    }
}
