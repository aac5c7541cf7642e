import Cluster
import Foundation
import MooringCore

extension SyncEngine {
    /// The health stage: waits until `resources` are healthy as ``HealthCheck`` says (`health.timeout`).
    /// Returns whether they did, and the objects the last poll read; raises `health_degraded` naming each object
    /// that did not. Each poll reads them, and `others`, as ``readLive(_:desired:cluster:)`` does: a sync passes
    /// everything it applied, so that the last poll also gives their settled resourceVersions, in one read.
    func waitUntilReady(
        _ resources: [Resource],
        alsoReading others: [Resource] = [],
        desired: [Resource],
        cluster: ClusterClient,
        run: inout TargetRun
    ) async -> (ready: Bool, live: [JSONValue]) {
        let check = HealthCheck(resources)
        guard !check.isEmpty else { return (true, []) }
        let references = check.watched.map(\.reference)
        let watchedIdentities = Set(references.map(\.identity))
        let alsoRead = others.compactMap { ObjectReference(object: $0.object) }
        let read = references + alsoRead.filter { !watchedIdentities.contains($0.identity) }
        var live: [JSONValue] = []
        let deadline = ContinuousClock.now + configuration.health.timeout
        var problems: [String] = []
        // Short pauses first (what was applied last needs a moment), then longer ones, so a long rollout
        // is not polled needlessly often.
        var pause = Duration.milliseconds(100)
        run.begin("waiting for \(check.watched.count) object(s) to become ready")
        while true {
            // A shutdown, the sync's deadline or a lost Lease ends the wait at once.
            if run.stopsHere() { return (false, live) }
            do {
                live = try await readLive(read, desired: desired, cluster: cluster)
                let byIdentity = Dictionary(
                    live.map { (Resource(object: $0).identity, $0) },
                    uniquingKeysWith: { first, _ in first }
                )
                problems = check.problems(in: byIdentity)
            } catch {
                live = []
                problems = ["readiness could not be read: \(error.message)"]
            }
            if problems.isEmpty { return (true, live) }
            guard ContinuousClock.now < deadline else { break }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(1))
        }
        run.raise(
            SyncEvent(
                .healthDegraded,
                .warning,
                "not healthy after \(GoDuration.format(configuration.health.timeout)): "
                    + problems.joined(separator: "; "),
                details: .init(objects: problems.count)
            )
        )
        return (false, live)
    }
}
