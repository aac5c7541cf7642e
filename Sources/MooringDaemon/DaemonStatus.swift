public import Foundation
import GitSource
import Manifests
import MooringCore
import Reconciler
public import Sync

/// What the daemon is doing, as the HTTP side shows it: the sync loop publishes each `SyncReport` here, and the
/// status page, `/status`, `/metrics` and the probes read it.
public actor DaemonStatus {
    /// How many recent events `/status` and the page keep.
    public static let eventLimit = 50

    private let startedAt = Date()
    private let metrics: DaemonMetrics
    var targets: [StatusDocument.Target]
    var events: [StatusDocument.Event] = []
    /// The latest results of the live guardrails per target, by model (`namespace/name`): a sync rebuilds its
    /// models, and they are put back.
    var guardrails: [String: [String: StatusDocument.Guardrails]] = [:]
    private var syncing = false
    private var nextSyncAt: Date?
    /// Why the daemon is not ready, `nil` when it is.
    private var notReadyReason: String? = "the first sync has not finished"
    private var loopStopped = false
    /// The commits already read from the mirror, by id (the most recent few: a daemon sees commits without end).
    private var commits = BoundedCache<String, StatusDocument.Commit>(capacity: 64)
    /// The models of each target's last applied commit as rendered (the journal's), by `namespace/name`, with the
    /// records of their serving versions and their gates: what the model pages show.
    private(set) var renderedModels: [String: [String: ModelSummary]] = [:]
    /// The drift last reported per target and object: a drift persists in the journal after the sync that found
    /// it, while later syncs do not check the unchanged object again.
    private var driftDetails: [String: [ObjectIdentity: StatusDocument.Drift]] = [:]
    private let listening = AsyncStream<Void>.makeStream()
    /// The sync in progress: one past its deadline fails `/healthz` and `/readyz`, and `/status` says what is stuck.
    public nonisolated let syncs: SyncWatch

    /// The status of a daemon syncing `targets` (names, in configuration order), publishing to `metrics`.
    public init(targets: [String], metrics: DaemonMetrics, syncs: SyncWatch = SyncWatch()) {
        self.targets = targets.map { StatusDocument.Target(name: $0, models: [], drift: []) }
        self.metrics = metrics
        self.syncs = syncs
    }

    /// Records that a sync started.
    func syncStarted() {
        syncing = true
        nextSyncAt = nil
    }

    /// Records a finished sync: each target's outcome, commit (and refused commit), serving models and drift (read from `engine`,
    /// whose journal the sync just updated), its events, readiness and the metrics.
    func record(_ report: SyncReport, engine: SyncEngine, nextSyncAt: Date) async {
        let now = Date()
        syncing = false
        self.nextSyncAt = nextSyncAt
        for targetReport in report.targets {
            guard let index = targets.firstIndex(where: { $0.name == targetReport.target }) else { continue }
            let journal = await engine.journalState(of: targetReport.target)
            var target = targets[index]
            target.outcome = targetReport.outcome.rawValue
            target.lastSyncAt = now
            target.durationSeconds = Double(targetReport.duration / .milliseconds(1)) / 1000
            target.retryAfter = journal?.retryAfter.flatMap { $0 > now ? $0 : nil }
            target.lastAppliedCommit = journal?.lastAppliedCommit
            target.commit = await commit(targetReport.commit, engine: engine)
            target.refusedCommit = await commit(targetReport.refusedCommit, engine: engine)
            target.models = (journal?.models ?? [:]).sorted { $0.key < $1.key }
                .map { name, model in
                    StatusDocument.Model(
                        name: name,
                        namespace: model.namespace,
                        stable: model.stable,
                        canary: model.canary,
                        canaryTraffic: model.canaryTraffic
                    )
                    .with(guardrails[targetReport.target] ?? [:])
                }
            target.drift = drift(of: targetReport, journal: journal)
            renderedModels[targetReport.target] = Dictionary(
                (journal?.renderedModels ?? []).map { ($0.qualifiedName, $0) },
                uniquingKeysWith: { first, _ in first }
            )
            targets[index] = target
        }
        let runEvents = report.events.map { (target: String?.none, event: $0) }
        let targetEvents = report.targets.flatMap { target in target.events.map { (target: target.target, event: $0) } }
        let new = (runEvents + targetEvents).map { entry in
            StatusDocument.Event(
                time: now,
                target: entry.target,
                event: entry.event.name.rawValue,
                severity: entry.event.severity.rawValue,
                message: entry.event.message
            )
        }
        events = Array((new.reversed() + events).prefix(Self.eventLimit))
        notReadyReason = Self.notReadyReason(of: report)
        metrics.record(targets, reports: report.targets)
    }

    /// Records that the loop ended: `/healthz` fails from now on.
    func stopped() {
        loopStopped = true
        syncing = false
        nextSyncAt = nil
    }

    /// Records that the HTTP listener accepts connections.
    nonisolated func serverListening() {
        listening.continuation.finish()
    }

    /// Returns once the HTTP listener accepts connections (or the task is cancelled).
    nonisolated func untilServerListening() async {
        for await _ in listening.stream {}
    }

    /// The whole status, as `/status` answers it.
    public func document() -> StatusDocument {
        StatusDocument(
            version: MooringVersion.current,
            startedAt: startedAt,
            ready: notReady == nil,
            readiness: notReady ?? "ready",
            syncing: syncing,
            nextSyncAt: nextSyncAt,
            stuck: syncs.overdue(),
            targets: targets,
            events: events
        )
    }

    /// Liveness (`/healthz`): the process answers, its sync loop has not ended and no sync is past its deadline. A
    /// failing sync does not fail it — restarting Mooring would not fix git or the cluster.
    public var isAlive: Bool { !loopStopped && syncs.overdue() == nil }

    /// Readiness (`/readyz`): `nil` once the first sync has finished and the last one reached git and every
    /// cluster; otherwise why not, in one line. A refused commit, drift or an unhealthy rollout leave Mooring
    /// ready: it is working, and `/status` says what it found.
    public var notReady: String? { syncs.overdue()?.description ?? notReadyReason }

    private func commit(_ id: String?, engine: SyncEngine) async -> StatusDocument.Commit? {
        guard let id else { return nil }
        if let known = commits[id] { return known }
        guard let info = await engine.commitInfo(id) else { return StatusDocument.Commit(id: id) }
        let commit = StatusDocument.Commit(
            id: id,
            author: info.author.name,
            email: info.author.email,
            subject: info.summary,
            time: info.author.time
        )
        commits[id] = commit
        return commit
    }

    /// The objects the journal holds as drifted (alert-only), with the details of the drift last reported.
    private func drift(of report: TargetReport, journal: TargetState?) -> [StatusDocument.Drift] {
        var details = driftDetails[report.target] ?? [:]
        for drift in report.decision?.alerted ?? [] {
            details[drift.identity] = StatusDocument.Drift(
                object: drift.identity.description,
                fields: drift.kind == .deleted ? ["(deleted)"] : drift.fields.map(\.path.description),
                managers: drift.managers
            )
        }
        let drifted = (journal?.inventory ?? []).filter { $0.reportedDrift != nil }.map(\.identity)
        details = details.filter { drifted.contains($0.key) }
        driftDetails[report.target] = details
        return drifted.sorted().map {
            details[$0] ?? StatusDocument.Drift(object: $0.description, fields: [], managers: [])
        }
    }

    private static func notReadyReason(of report: SyncReport) -> String? {
        if let unreachable = report.events.first(where: { $0.name == .sourceUnreachable }) {
            return unreachable.message
        }
        guard let failed = report.targets.first(where: { $0.outcome == .failed }) else { return nil }
        let cause = failed.events.first { $0.severity == .error }?.message ?? "the sync failed"
        return "target \(failed.target): \(cause)"
    }
}
