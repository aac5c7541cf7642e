import Cluster
import Foundation
import GitSource
import Manifests
import MooringCore
import Reconciler

extension SyncEngine {
    /// One target, end to end.
    func sync(_ target: TargetSettings, poll: PollResult?, dryRun: Bool, ignoringBackoff: Bool) async -> TargetReport {
        var run = TargetRun(target: target, logger: logger, control: control)
        var targetState = state?[target.name] ?? TargetState()
        let cluster = ClusterClient(options: configuration.kubectlOptions(for: target), logger: logger)
        // The live list runs while the commit is read and rendered (unless this sync only waits out a backoff).
        let waits = waitsOutBackoff(poll?.current.hex, state: targetState, dryRun: dryRun, ignoring: ignoringBackoff)
        let inventory = waits ? [] : targetState.inventory
        async let early = Self.listEarly(inventory, cluster: cluster)
        async let ownershipRead = Self.readOwnership(
            of: target.name,
            namespace: waits ? nil : configuration.inventory.namespace,
            cluster: cluster
        )
        var desired: DesiredSnapshot
        var refused = false
        switch await desiredState(for: target, poll: poll, state: targetState, run: &run) {
        case .ready(let snapshot):
            desired = snapshot
        case .refused(let fallback):
            if !dryRun, let commit = poll?.current.hex {
                if targetState.refusedCommit != commit {
                    let entry = refusedEntry(commit, run: run)
                    appendHistory(entry, run: &run)
                }
                targetState.refusedCommit = commit
                state?[target.name] = targetState
            }
            guard let fallback else { return run.report(.refused, commit: nil, refusedCommit: poll?.current.hex) }
            refused = true
            desired = fallback
        case .unavailable:
            return run.report(.failed, commit: nil)
        }
        // Live guardrails: a canary its analysis aborted stays out of traffic until git changes (Sync/Guardrails).
        guard let held = await holdingAbortedCanaries(in: desired, run: &run) else {
            return run.report(.failed, commit: desired.commit)
        }
        desired = held
        run.commit = desired.commit
        // A commit that failed or was not healthy is not retried before its backoff ends: not
        // re-applied when its apply failed, not re-checked for health when it was applied.
        let retrying = targetState.unhealthyCommit == desired.commit
        let backoffOver = ignoringBackoff || (targetState.retryAfter ?? .distantPast) <= Date()
        if waitsOutBackoff(desired.commit, state: targetState, dryRun: dryRun, ignoring: ignoringBackoff) {
            run.repeated(
                "commit \(desired.commit.prefix(12)) failed; next attempt after \(targetState.retryAfter ?? Date())"
            )
            return run.report(.waiting, commit: desired.commit)
        }
        let fieldManager = target.cluster.fieldManager
        let policy = target.policy.reconcilePolicy(overrides: desired.driftOverrides)
        var ownership = await ownershipRead
        if case .unreadable(let reason) = ownership {
            run.raise(SyncEvent(.syncFailed, .error, "\(reason); nothing is pruned until it can be read"))
        }
        let adopted = adopt(ownership, state: &targetState)
        var plan: Plan
        let decision: SyncDecision
        var stillLive: Set<ObjectIdentity> = []
        do {
            let live = try await liveObjects(
                desired: desired.resources,
                inventory: targetState.inventory,
                owned: adopted,
                cluster: cluster,
                early: await early
            )
            stillLive = Set(live.keys)
            plan = await readingFromCommit(
                Planner.plan(
                    desired: desired.resources,
                    commit: desired.commit,
                    live: live,
                    inventory: targetState.inventoryByIdentity,
                    policy: policy,
                    atRest: atRest
                ),
                desired: desired,
                target: target,
                run: &run
            )
            plan.pruneCandidates += Self.adoptedPruneCandidates(adopted, desired: desired.resources, live: live)
            let drifts = try await driftChecks(plan, cluster: cluster, fieldManager: fieldManager, run: &run)
            decision = Planner.decide(plan, drifts: drifts)
        } catch {
            if !run.stopsHere() {
                run.raise(
                    SyncEvent(
                        .syncFailed,
                        .error,
                        "reading the cluster failed: \(error.message)",
                        fields: ["code": error.code.description]
                    )
                )
            }
            let message = run.events.last { $0.name == .syncFailed }?.message ?? error.message
            if !dryRun {
                let entry = failedEntry(desired, message: message, run: run)
                appendHistory(entry, run: &run)
            }
            return run.report(.failed, commit: desired.commit)
        }
        reportDrift(decision, state: &targetState, run: &run, dryRun: dryRun)
        var trusted = inventoryTrusted && !desired.isFallback
        if case .unreadable = ownership { trusted = false }
        if dryRun {
            var report = run.report(.planned, commit: desired.commit)
            report.decision = decision
            report.pruneDecision = PruneGuard.decide(
                candidates: plan.pruneCandidates,
                desiredCount: desired.resources.count,
                appliesSucceeded: true,
                inventoryTrusted: trusted,
                policy: policy
            )
            return report
        }
        // What is about to be created is listed first, so whichever host leads next can prune it.
        let owning = Set(targetState.inventory.map(\.identity)).union(adopted)
        let listed = await writeOwnership(
            owning.union(decision.applied.map(\.identity)),
            over: &ownership,
            target: target.name,
            run: &run
        )
        guard listed else {
            let message = run.events.last { $0.name == .syncFailed }?.message ?? "the inventory could not be written"
            let entry = failedEntry(desired, message: message, run: run)
            appendHistory(entry, run: &run)
            return run.report(.failed, commit: desired.commit)
        }
        let applied = await apply(decision, cluster: cluster, run: &run)
        let pruneDecision = PruneGuard.decide(
            candidates: plan.pruneCandidates,
            desiredCount: desired.resources.count,
            appliesSucceeded: applied.succeeded,
            inventoryTrusted: trusted,
            policy: policy
        )
        // Nothing is pruned from a fallback; its prune waits for git (and keeps the alert it had). Nor by a sync
        // abandoned while applying: its prune is part of what it left undone.
        let pruned =
            desired.isFallback || run.interruption != nil
            ? [] : await prune(pruneDecision, state: &targetState, cluster: cluster, run: &run)
        let appliedResources = decision.applied.filter { applied.applied.contains($0.identity) }
        let recheck = retrying && backoffOver && targetState.lastAppliedCommit == desired.commit
        let watched = (recheck ? plan.items.map(\.resource) : appliedResources).filter {
            ApplyPhase.of($0) >= .workloads
        }
        let health =
            applied.succeeded
            ? await waitUntilReady(
                watched,
                alsoReading: appliedResources,
                desired: desired.resources,
                cluster: cluster,
                run: &run
            ) : nil
        let healthy = health?.ready ?? true
        let versions = await settledVersions(
            of: appliedResources,
            known: health?.live ?? [],
            desired: desired.resources,
            cluster: cluster
        )
        let outcome = self.outcome(
            refused: refused,
            applied: applied,
            healthy: healthy,
            plan: plan,
            decision: decision,
            pruned: pruned,
            failed: run.events.contains { $0.name == .syncFailed }
        )
        record(
            outcome,
            desired: desired,
            plan: plan,
            decision: decision,
            applied: applied,
            versions: versions,
            pruned: pruned,
            healthChecked: recheck || !watched.isEmpty,
            state: &targetState,
            run: &run
        )
        let desiredIdentities = Set(desired.resources.map(\.identity))
        let kept = adopted.filter { !pruned.contains($0) && (desiredIdentities.contains($0) || stillLive.contains($0)) }
        _ = await writeOwnership(
            Set(targetState.inventory.map(\.identity)).union(kept),
            over: &ownership,
            target: target.name,
            run: &run
        )
        state?[target.name] = targetState
        if !desired.isFallback, applied.succeeded { inventoryTrusted = true }
        var report = run.report(
            outcome,
            commit: desired.commit,
            refusedCommit: refused ? poll?.current.hex : nil,
            applied: applied.applied.sorted(),
            pruned: pruned
        )
        report.decision = decision
        report.pruneDecision = pruneDecision
        report.driftedObjects = Self.drifted(plan, decision: decision)
        return report
    }

    /// Whether `commit` failed before and its backoff has not passed, so this sync leaves it alone.
    private func waitsOutBackoff(_ commit: String?, state: TargetState, dryRun: Bool, ignoring: Bool) -> Bool {
        guard !dryRun, !ignoring, let commit, state.unhealthyCommit == commit, state.lastAppliedCommit != commit
        else { return false }
        return (state.retryAfter ?? .distantPast) > Date()
    }

    private func outcome(
        refused: Bool,
        applied: ApplyProgress,
        healthy: Bool,
        plan: Plan,
        decision: SyncDecision,
        pruned: [ObjectIdentity],
        failed: Bool
    ) -> TargetReport.Outcome {
        if refused { return .refused }
        if applied.failed || failed { return .failed }
        if !applied.conflicts.isEmpty { return .drifted }
        if !healthy { return .degraded }
        if !applied.applied.isEmpty || !pruned.isEmpty { return .applied }
        // Alert-only drift found now, or found before and not moved since (so not checked again).
        let persisting = plan.items.contains { $0.action == .unchanged && $0.previous?.reportedDrift != nil }
        if !decision.alerted.isEmpty || persisting { return .drifted }
        return .inSync
    }

    /// The objects left drifted under `drift: alert`: found now, or found before and not moved since.
    private static func drifted(_ plan: Plan, decision: SyncDecision) -> [ObjectIdentity] {
        let persisting = plan.items.filter { $0.action == .unchanged && $0.previous?.reportedDrift != nil }
        return Set(decision.alerted.map(\.identity) + persisting.map(\.identity)).sorted()
    }

    /// `drift_healed` for every healed object; `drift` for alert-only drift when it differs from the
    /// drift last reported for that object.
    private func reportDrift(_ decision: SyncDecision, state: inout TargetState, run: inout TargetRun, dryRun: Bool) {
        for drift in decision.healed {
            run.raise(
                SyncEvent(
                    .driftHealed,
                    .info,
                    "\(dryRun ? "would heal" : "healing") drift of \(Self.describe(drift))",
                    fields: Self.fields(of: drift)
                )
            )
        }
        for drift in decision.alerted {
            let index = state.inventory.firstIndex { $0.identity == drift.identity }
            guard index.map({ state.inventory[$0].reportedDrift != drift.fingerprint }) ?? true else { continue }
            run.raise(
                SyncEvent(
                    .drift,
                    .warning,
                    "drift of \(Self.describe(drift)) (alert only)",
                    fields: Self.fields(of: drift)
                )
            )
            if !dryRun, let index { state.inventory[index].reportedDrift = drift.fingerprint }
        }
    }

    static func describe(_ drift: Drift) -> String {
        guard drift.kind == .modified else { return "\(drift.identity): deleted from the cluster" }
        let fields = drift.fields.prefix(5).map { field in
            "\(field.path) \(field.desired?.serialized() ?? "(absent)") → \(field.live?.serialized() ?? "(absent)")"
        }
        let more = drift.fields.count > 5 ? ", … \(drift.fields.count - 5) more" : ""
        let who = drift.managers.isEmpty ? "" : " (changed by \(drift.managers.joined(separator: ", ")))"
        return "\(drift.identity): \(fields.joined(separator: ", "))\(more)\(who)"
    }

    static func fields(of drift: Drift) -> [String: String] {
        [
            "object": drift.identity.description,
            "kind": drift.kind.rawValue,
            "fields": drift.fields.map(\.path.description).joined(separator: ","),
            "managers": drift.managers.joined(separator: ","),
            "desired": drift.fields.map { $0.desired?.serialized() ?? "(absent)" }.joined(separator: ","),
            "live": drift.fields.map { $0.live?.serialized() ?? "(absent)" }.joined(separator: ","),
        ]
    }
}
