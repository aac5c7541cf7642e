import Cluster
import Foundation
import MooringCore

/// The health stage: waits until the objects a sync applied are healthy as ``HealthCheck`` says, within
/// `health.timeout`, and reads the settled resourceVersions of what it applied.
struct HealthStage {
    /// Reads `references` (those that do not exist are left out) with few API requests, counting them against the
    /// `desired` objects of their kinds (``AppliedObjectRead``).
    typealias Read =
        @Sendable (
            _ references: [ObjectReference], _ desired: [Resource]
        ) async throws(ClusterError) -> [JSONValue]

    /// `health.timeout`.
    var timeout: Duration
    var read: Read

    /// Waits until `resources` are healthy; raises `health_degraded` naming each object that did not become so.
    /// Each poll reads them, and `others`: a sync passes everything it applied, so that the last poll also gives
    /// their settled resourceVersions, in one read.
    func run(
        _ resources: [Resource],
        alsoReading others: [Resource] = [],
        desired: [Resource],
        run: inout TargetRun
    ) async -> HealthResult {
        let check = HealthCheck(resources)
        guard !check.isEmpty else { return HealthResult(ready: true, live: []) }
        let references = Self.references(check, alsoReading: others)
        var live: [JSONValue] = []
        let deadline = ContinuousClock.now + timeout
        var problems: [String] = []
        // Short pauses first (what was applied last needs a moment), then longer ones, so a long rollout
        // is not polled needlessly often.
        var pause = Duration.milliseconds(100)
        run.begin("waiting for \(check.watched.count) object(s) to become ready")
        while true {
            // A shutdown, the sync's deadline or a lost Lease ends the wait at once.
            if run.stopsHere() { return HealthResult(ready: false, live: live) }
            (live, problems) = await poll(references, check: check, desired: desired)
            if problems.isEmpty { return HealthResult(ready: true, live: live) }
            guard ContinuousClock.now < deadline else { break }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(1))
        }
        run.raise(
            SyncEvent(
                .healthDegraded,
                .warning,
                "not healthy after \(GoDuration.format(timeout)): " + problems.joined(separator: "; "),
                details: .init(objects: problems.count)
            )
        )
        return HealthResult(ready: false, live: live)
    }

    /// The resourceVersion of each applied object once the sync has settled, so the next sync knows they are
    /// unchanged without a dry-run: from `known` (what the health stage read last), the rest read; an object whose
    /// version could not be read is verified next sync.
    func settledVersions(
        of resources: [Resource],
        known: [JSONValue],
        desired: [Resource]
    ) async -> [ObjectIdentity: String] {
        let unread = SettledVersions.unread(resources, known: known)
        let read = (try? await self.read(unread, desired)) ?? []
        return SettledVersions.versions(in: known + read)
    }

    /// What each poll reads: the watched objects, then those of `others` not among them.
    static func references(_ check: HealthCheck, alsoReading others: [Resource]) -> [ObjectReference] {
        let references = check.watched.map(\.reference)
        let watched = Set(references.map(\.identity))
        let alsoRead = others.compactMap { ObjectReference(object: $0.object) }
        return references + alsoRead.filter { !watched.contains($0.identity) }
    }

    /// One poll: the objects read, and why each watched one is not healthy (empty when all are).
    private func poll(
        _ references: [ObjectReference],
        check: HealthCheck,
        desired: [Resource]
    ) async -> (live: [JSONValue], problems: [String]) {
        do {
            let live = try await read(references, desired)
            let byIdentity = Dictionary(
                live.map { (Resource(object: $0).identity, $0) },
                uniquingKeysWith: { first, _ in first }
            )
            return (live, check.problems(in: byIdentity))
        } catch {
            return ([], ["readiness could not be read: \(error.message)"])
        }
    }
}
