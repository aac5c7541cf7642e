import Cluster
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
    /// The models of each target's last applied commit as rendered, by `namespace/name`, with the records of their
    /// serving versions and their gates: what the model pages show.
    private(set) var renderedModels: [String: [String: ModelSummary]] = [:]
    /// Per target, every model its last applied commit serves, as rendered (namespace and name order), once the report
    /// carries each of them: what the live guardrails judge. Missing while a served model's rendering is unknown.
    private(set) var judgedModels: [String: [ModelSummary]] = [:]
    private let listening = AsyncStream<Void>.makeStream()
    /// The sync in progress: one past its deadline fails `/healthz` and `/readyz`, and `/status` says what is stuck.
    public nonisolated let syncs: SyncWatch

    /// The status of a daemon syncing `targets` (names, in configuration order), publishing to `metrics`.
    public init(targets: [String], metrics: DaemonMetrics, syncs: SyncWatch = SyncWatch()) {
        self.targets = targets.map { StatusDocument.Target(name: $0, models: [], drift: []) }
        self.metrics = metrics
        self.syncs = syncs
    }

    /// Whether a sync is running.
    var isSyncing: Bool { syncing }

    /// Records that a sync started.
    func syncStarted() {
        syncing = true
        nextSyncAt = nil
    }

    /// Records a finished sync from its report alone: each target's outcome, commits, serving models and drift, its
    /// events, readiness and the metrics.
    func record(_ report: SyncReport, nextSyncAt: Date) {
        let now = Date()
        syncing = false
        self.nextSyncAt = nextSyncAt
        for targetReport in report.targets {
            guard let index = targets.firstIndex(where: { $0.name == targetReport.target }) else { continue }
            Self.update(&targets[index], from: targetReport, at: now)
            targets[index].models = targets[index].models.map { $0.with(guardrails[targetReport.target] ?? [:]) }
            renderedModels[targetReport.target] = Dictionary(
                targetReport.served.compactMap(\.summary).map { ($0.qualifiedName, $0) },
                uniquingKeysWith: { first, _ in first }
            )
            let summaries = targetReport.served.compactMap(\.summary)
            judgedModels[targetReport.target] =
                summaries.count == targetReport.served.count
                ? summaries.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) } : nil
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

    /// Records how `target`'s live cache stands.
    func recordLiveCache(_ target: String, _ cache: LiveCacheStatus) {
        guard let index = targets.firstIndex(where: { $0.name == target }) else { return }
        targets[index].liveCache = cache
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

    /// A target's status as `report` leaves it.
    private static func update(_ target: inout StatusDocument.Target, from report: TargetReport, at now: Date) {
        target.outcome = report.outcome.rawValue
        target.lastSyncAt = now
        target.durationSeconds = Double(report.duration / .milliseconds(1)) / 1000
        target.retryAfter = report.retryAfter
        target.lastAppliedCommit = report.lastAppliedCommit?.hex
        target.commit = report.commit.map { commit($0, info: report.commitInfo) }
        target.refusedCommit = report.refusedCommit.map { commit($0, info: report.refusedCommitInfo) }
        target.models = report.served.map { model in
            StatusDocument.Model(
                name: model.name,
                namespace: model.state.namespace,
                stable: model.state.stable,
                canary: model.state.canary,
                canaryTraffic: model.state.canaryTraffic,
                canaryAborted: model.state.canaryAborted
            )
        }
        target.drift = report.drift.map { drift in
            StatusDocument.Drift(
                object: drift.identity.description,
                fields: drift.kind == .deleted ? ["(deleted)"] : drift.fields.map(\.path.description),
                managers: drift.managers
            )
        }
    }

    private static func commit(_ id: CommitID, info: CommitInfo?) -> StatusDocument.Commit {
        guard let info else { return StatusDocument.Commit(id: id.hex) }
        return StatusDocument.Commit(
            id: id.hex,
            author: info.author.name,
            email: info.author.email,
            subject: info.summary,
            time: info.author.time
        )
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
