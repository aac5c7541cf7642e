import Cluster
import Foundation
import GitSource
import Manifests
import MooringCore
import Reconciler

extension SyncEngine {
    /// One target, end to end, in every mode: desired state (the files `input` names) → canary holds → live state
    /// and plan, then the mode's tail — apply, prune, health and record (`.apply`), the planned report (`.dryRun`), or
    /// each object as a server-side dry-run shows it (`.preview`). `journal` is what the journal holds for the target.
    func sync(
        _ target: TargetSettings,
        input: DesiredInput,
        journal: TargetJournal,
        mode: SyncMode,
        ignoringBackoff: Bool
    ) async -> TargetReport {
        var run = TargetRun(target: target, logger: logger, control: control, silent: mode.previews)
        var targetState = journal.state
        let cluster = ClusterClient(options: configuration.kubectlOptions(for: target), logger: logger)
        // A commit that failed or was not healthy is not retried before its backoff ends: not
        // re-applied when its apply failed, not re-checked for health when it was applied.
        let mayWait = mode.writes && !ignoringBackoff && Backoff.waits(input.commit, state: targetState, now: Date())
        // The live list and the cluster's inventory are read while the commit is read and rendered (unless this sync
        // is likely to wait out a backoff).
        let reader = LiveReader(cluster: cluster, cache: liveCaches[target.name], logger: logger)
        let (namespace, inventory) = (configuration.inventory.namespace, mayWait ? [] : targetState.inventory)
        async let early = LiveStateStage(reader: reader).listEarly(inventory)
        async let ownershipRead = Self.readOwnership(
            of: target.name,
            namespace: mayWait ? nil : namespace,
            reader: reader
        )
        let held: HeldDesiredState
        let desired = await heldDesiredState(input: input, reader: reader, mode: mode, state: &targetState, run: &run)
        switch waitingOutBackoff(desired, mode: mode, ignoringBackoff: ignoringBackoff, state: targetState, run: &run) {
        case .finished(let report): return report
        case .next(let value): held = value
        }
        // Skipped while the sync was likely to wait; it does not (its canary holds changed): read now.
        let ownership =
            await mayWait ? Self.readOwnership(of: target.name, namespace: namespace, reader: reader) : ownershipRead
        guard
            let planned = await plan(
                held.desired,
                ownership: ownership,
                early: await early,
                reader: reader,
                journal: journal,
                state: &targetState,
                run: &run,
                mode: mode
            )
        else { return run.report(.failed, commit: held.desired.commit) }
        return await tail(
            planned,
            refusedCommit: held.refusedCommit,
            mode: mode,
            ownership: ownership,
            cluster: cluster,
            state: &targetState,
            run: &run,
            ignoringBackoff: ignoringBackoff
        )
    }

    /// What the mode does with the plan: apply, prune and health, then the record stage (`.apply`); report it
    /// (`.dryRun`); or show each object as server-side dry-runs of the writes show it (`.preview`).
    private func tail(
        _ planned: PlannedSync,
        refusedCommit: CommitID?,
        mode: SyncMode,
        ownership: Ownership,
        cluster: ClusterClient,
        state targetState: inout TargetState,
        run: inout TargetRun,
        ignoringBackoff: Bool
    ) async -> TargetReport {
        switch mode {
        case .dryRun:
            return plannedReport(planned, run: run)
        case .preview(let source):
            return await previewReport(planned, of: source, cluster: cluster, state: targetState, run: &run)
        case .apply:
            var ownership = ownership
            let rechecksHealth = Backoff.rechecksHealth(
                of: planned.desired.commit,
                state: targetState,
                now: Date(),
                ignoringBackoff: ignoringBackoff
            )
            guard
                let writes = await write(
                    planned,
                    rechecksHealth: rechecksHealth,
                    ownership: &ownership,
                    cluster: cluster,
                    state: &targetState,
                    run: &run
                )
            else { return run.report(.failed, commit: planned.desired.commit) }
            return await recorded(
                planned,
                writes,
                refusedCommit: refusedCommit,
                ownership: &ownership,
                state: &targetState,
                run: &run
            )
        }
    }

    /// The desired-state and canary-hold stages: the state to sync to (the files `input` names, or a sync's fallback
    /// while a refused commit is reported), with the target's aborted canaries held out of traffic; the report when
    /// there is nothing to sync to, a preview's files do not validate, or the holds cannot be read. `reader` reads the
    /// cluster: each kind's scope and the holds.
    private func heldDesiredState(
        input: DesiredInput,
        reader: LiveReader,
        mode: SyncMode,
        state targetState: inout TargetState,
        run: inout TargetRun
    ) async -> StageResult<HeldDesiredState> {
        var desired: DesiredSnapshot
        var refusedCommit: CommitID?
        switch await desiredState(input: input, cluster: reader.cluster, state: targetState, run: &run) {
        case .ready(let snapshot):
            desired = snapshot
        case .refused(let fallback):
            if mode.writes, let commit = input.commit { recordRefusal(of: commit, state: &targetState, run: &run) }
            guard let fallback else {
                return .finished(run.report(.refused, commit: nil, refusedCommit: input.commit))
            }
            refusedCommit = input.commit
            desired = fallback
        case .invalid(let validation):
            return .finished(invalidPreview(validation, of: input.commit, mode: mode, run: run))
        case .unavailable:
            return .finished(run.report(.failed, commit: nil))
        }
        // Live guardrails: a canary its analysis aborted stays out of traffic until git changes (Sync/Guardrails).
        let holds = CanaryHoldStage(namespace: configuration.inventory.namespace, reader: reader)
        guard let held = await holds.run(desired, run: &run) else {
            return .finished(run.report(.failed, commit: desired.commit))
        }
        return .next(HeldDesiredState(desired: held.desired, holds: held.holds, refusedCommit: refusedCommit))
    }

    /// The held desired state `result` hands on, unless this sync (in a mode that writes) leaves its commit alone
    /// until its backoff ends: then the `waiting` report.
    private func waitingOutBackoff(
        _ result: StageResult<HeldDesiredState>,
        mode: SyncMode,
        ignoringBackoff: Bool,
        state targetState: TargetState,
        run: inout TargetRun
    ) -> StageResult<HeldDesiredState> {
        guard case .next(let held) = result else { return result }
        run.commit = held.desired.commit
        guard mode.writes, waitsOutBackoff(held, applying: !ignoringBackoff, state: targetState, run: run) else {
            return result
        }
        return .finished(run.report(.waiting, commit: held.desired.commit))
    }

    /// Whether this sync leaves `held`'s commit alone until its backoff ends (when `applying` the backoff at all), and
    /// notes the canary holds it met: a change in them is taken to the cluster at once, backoff or not.
    private func waitsOutBackoff(
        _ held: HeldDesiredState,
        applying: Bool,
        state targetState: TargetState,
        run: TargetRun
    ) -> Bool {
        let holdsChanged = (heldCanaries[run.target.name] ?? []) != held.holds
        heldCanaries[run.target.name] = held.holds
        let commit = held.desired.commit
        guard applying, Backoff.waits(commit, state: targetState, now: Date(), holdsChanged: holdsChanged) else {
            return false
        }
        run.repeated("commit \(commit.short) failed; next attempt after \(targetState.retryAfter ?? Date())")
        return true
    }

    /// Records a refused commit in the journal (and, the first time, in the audit trail), so it is reported once.
    private func recordRefusal(of commit: CommitID, state targetState: inout TargetState, run: inout TargetRun) {
        if targetState.refusedCommit != commit.hex {
            let entry = refusedEntry(commit, run: run)
            appendHistory(entry, run: &run)
        }
        targetState.refusedCommit = commit.hex
        state?[run.target.name] = targetState
    }

    /// The report of a dry run: what would be done, nothing changed.
    func plannedReport(_ planned: PlannedSync, run: TargetRun) -> TargetReport {
        var report = run.report(.planned, commit: planned.desired.commit)
        report.decision = planned.decision
        report.pruneDecision = planned.pruneDecision(appliesSucceeded: true)
        return report
    }
}
