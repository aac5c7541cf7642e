import Analysis
import Foundation
import Logging
import Manifests
import ServiceLifecycle
import Sync
import Timing

/// The live model guardrails, beside the sync loop: every second it runs the checks that are due — a model's
/// canary analysis every `spec.analysis.interval` while its canary serves, its monitors on the stable version every
/// interval while it serves — judges them (``CanaryEvaluator``, ``MonitorEvaluator``), keeps the outcome in the
/// cluster (``GuardrailStore``) and raises what changed. An aborted canary is held (``CanaryHold``) and a sync is
/// asked for at once, which takes it out of traffic. Only the leader runs checks; each run has a deadline, and every
/// wait ends on a graceful shutdown.
struct GuardrailLoop: Service {
    let engine: SyncEngine
    let configuration: MooringConfiguration
    let runner: CheckRunner
    let status: DaemonStatus
    let metrics: DaemonMetrics
    let alerts: AlertDispatcher?
    let leadership: Leadership?
    let trigger: SyncTrigger
    let logger: Logger
    /// How often the loop looks for due checks.
    var tick: Duration = .seconds(1)

    func run() async throws {
        var book = GuardrailBook()
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            if let leadership, !leadership.isLeading {
                // A new leader reads the state the last one left before it acts.
                book = GuardrailBook()
                do { try await cancelWhenGracefulShutdown { try await leadership.waitUntilLeading() } } catch { break }
                continue
            }
            for target in configuration.targets {
                await step(target, book: &book)
            }
            try? await cancelWhenGracefulShutdown { [tick] in try await Task.sleep(for: tick) }
        }
    }

    /// One pass over the models of `target`: the checks due are run and judged, the state kept, the events raised.
    private func step(_ target: TargetSettings, book: inout GuardrailBook) async {
        // What serves, as the last sync's report says (nothing until the first sync of the target is recorded).
        guard let serving = await status.serving(on: target.name) else { return }
        let (models, lastAppliedCommit) = serving
        let store = GuardrailStore(configuration: configuration, target: target, logger: logger)
        if book.saved[target.name] == nil {
            do {
                book.saved[target.name] = try await store.load()
                book.loadProblem[target.name] = nil
            } catch {
                if book.loadProblem[target.name] != error.message {
                    logger.warning("live guardrails paused for target \(target.name): \(error.message)")
                }
                book.loadProblem[target.name] = error.message
                return
            }
        }
        let saved = book.saved[target.name] ?? [:]
        let now = Date()
        var state: [String: ModelGuardrails] = [:]
        var raised: [SyncEvent] = []
        var aborted: [(ModelSummary, CanaryProgress)] = []
        var runs: [GuardrailRuns] = []
        for model in models {
            var guardrails = (saved[model.qualifiedName] ?? ModelGuardrails()).aligned(with: model, now: now)
            let schedule = model.analysis ?? .defaults
            if let analysis = model.analysis, let progress = guardrails.canary,
                guardrails.canaryDue(at: now, interval: schedule.interval)
            {
                let measured = await measure(analysis.checks, of: model, version: progress.version)
                let (next, events) = CanaryEvaluator(analysis: analysis).evaluate(
                    progress,
                    measurements: measured,
                    now: now
                )
                guardrails.canary = next
                raised += events.map { SyncEvent($0, model: model, version: progress.version, target: target.name) }
                if next.state == .aborted, progress.state != .aborted { aborted.append((model, next)) }
                runs.append(GuardrailRuns(model: model.name, checks: next.checks))
            }
            if let progress = guardrails.monitors, guardrails.monitorsDue(at: now, interval: schedule.interval) {
                let measured = await measure(model.monitors, of: model, version: progress.version)
                let evaluator = MonitorEvaluator(monitors: model.monitors, failureLimit: schedule.failureLimit)
                let (next, events) = evaluator.evaluate(progress, measurements: measured, now: now)
                guardrails.monitors = next
                raised += events.map { SyncEvent($0, model: model, version: progress.version, target: target.name) }
                runs.append(GuardrailRuns(model: model.name, checks: next.checks))
            }
            if !guardrails.isEmpty { state[model.qualifiedName] = guardrails }
        }
        if state != saved {
            let holds = models.compactMap { model in state[model.qualifiedName]?.hold(of: model) }
            do {
                try await store.save(state, holds: holds, fence: leadership)
            } catch {
                // Nothing is raised for runs that could not be kept: the next pass runs them again.
                if book.saveProblem[target.name] != error.message {
                    logger.warning("live guardrails of target \(target.name) not saved: \(error.message)")
                }
                book.saveProblem[target.name] = error.message
                return
            }
            book.saved[target.name] = state
            book.saveProblem[target.name] = nil
        }
        for (model, progress) in aborted {
            await recordAbort(of: model, progress, target: target.name, commit: lastAppliedCommit)
        }
        for event in raised { event.log(to: logger) }
        if !raised.isEmpty { alerts?.submit(raised) }
        await status.recordGuardrails(state, models: models, target: target.name, events: raised)
        metrics.recordGuardrails(state, models: models, runs: runs, target: target.name)
        // A held canary leaves traffic with the next sync: ask for it now.
        if !aborted.isEmpty { await trigger.request() }
    }

    /// The checks measured under a deadline: each query has `analysis.prometheus.timeout`, and the whole run as
    /// long as all of them; what is not measured by then has no data.
    private func measure(
        _ checks: [MetricCheck],
        of model: ModelSummary,
        version: String
    ) async -> [String: Reading] {
        let variables: [QueryTemplate.Variable: String] = [
            .model: model.name, .namespace: model.namespace, .version: version, .stable: model.stable,
        ]
        let deadline = runner.client.timeout * max(checks.count, 1) + .seconds(1)
        let runner = runner
        let subject = "\(model.qualifiedName) version \(version)"
        return await Race.first {
            await runner.measure(checks, variables: variables, subject: subject)
        } or: {
            try? await CancellableSleep.sleep(for: deadline)
            return [:]
        }
    }

    /// The history line of an abort: the canary's traffic to 0, and why.
    private func recordAbort(of model: ModelSummary, _ progress: CanaryProgress, target: String, commit: String?) async
    {
        let serving = ModelState(
            namespace: model.namespace,
            stable: model.stable,
            canary: progress.version,
            canaryTraffic: model.canary?.traffic
        )
        let held = serving.abortingCanary()
        let entry = HistoryEntry(
            time: progress.lastRunAt ?? Date(),
            target: target,
            commit: commit,
            result: .aborted,
            models: [HistoryEntry.ModelChange(model: model.name, namespace: model.namespace, from: serving, to: held)],
            message: "canary \(progress.version) aborted: \(progress.reason ?? "")"
        )
        do {
            try await engine.appendHistory(entry)
        } catch {
            logger.error("history.jsonl could not be written: \(error.message)")
        }
    }
}
