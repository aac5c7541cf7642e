// Folder Sync/Stages: the stages of one sync — desired state, live state, plan (reading); inventory, apply, prune,
//   health, record (writing) — each a small type with one job, given values and returning a value; the engine
//   sequences them and keeps the state.

import Cluster
import MooringCore
import Reconciler

/// The apply stage: applies the decision's batches in order, one kubectl call each, waiting for new CRDs to be
/// Established before anything that may use them. Stops at the first batch with a refused object.
struct ApplyStage {
    var gate: WriteGate
    /// What waits for new CRDs.
    var health: HealthStage

    func run(_ decision: SyncDecision, run: inout TargetRun) async -> ApplyProgress {
        var progress = ApplyProgress()
        for batch in decision.batches {
            guard await apply(batch, to: &progress, run: &run) else { break }
        }
        return progress
    }

    /// Applies one batch, adding what it did to `progress`; whether the next batch may follow.
    private func apply(_ batch: ApplyBatch, to progress: inout ApplyProgress, run: inout TargetRun) async -> Bool {
        run.begin("applying \(batch.resources.count) object(s)")
        guard let writer = gate.client(&run) else {
            progress.failed = true
            return false
        }
        let outcome: ApplyOutcome
        do {
            outcome = try await writer.apply(batch.resources.map(\.object), force: batch.force)
        } catch {
            if !run.stopsHere() {
                run.raise(
                    SyncEvent(
                        .syncFailed,
                        .error,
                        "apply failed: \(error.message)",
                        details: .init(code: error.code.description)
                    )
                )
            }
            progress.failed = true
            return false
        }
        progress.add(outcome, run: &run)
        guard outcome.succeeded else { return false }
        let crds = batch.resources.filter { $0.kind == "CustomResourceDefinition" }
        guard !crds.isEmpty else { return true }
        guard await health.run(crds, desired: crds, run: &run).ready else {
            progress.failed = true
            return false
        }
        return true
    }
}
