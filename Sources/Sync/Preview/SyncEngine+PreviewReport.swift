import Cluster
import GitSource
import Manifests

extension SyncEngine {
    /// The tail of `.preview` mode: the planned report, with what each object would become as server-side dry-runs of
    /// the plan's creates and updates show it, the drift the plan's decision heals or leaves, then the prunes and the
    /// prunes the guard blocks, and the models whose serving versions would change from `state`'s.
    func previewReport(
        _ planned: PlannedSync,
        of source: PreviewSource,
        cluster: ClusterClient,
        state: TargetState,
        run: inout TargetRun
    ) async -> TargetReport {
        let desired = planned.desired
        let objects: [ObjectPreview]
        do {
            objects = try await PreviewWrites(cluster: cluster).objects(planned.plan, decision: planned.decision)
        } catch {
            run.fail(SyncError(code: .cluster, message: "reading the cluster failed: \(error.message)"))
            return run.report(.failed, commit: desired.commit)
        }
        var report = plannedReport(planned, run: run)
        report.preview = TargetPreview(
            target: run.target.name,
            source: source.label(commit: desired.commit),
            objects: objects + ObjectPreview.prunes(planned.pruneDecision(appliesSucceeded: true)),
            models: HistoryEntry.modelChanges(from: state.models, to: ModelState.serving(desired.models))
        )
        return report
    }

    /// The report of a preview whose files (of `commit`, when they have one) do not validate: nothing would be
    /// applied.
    func invalidPreview(
        _ validation: ValidationReport,
        of commit: CommitID?,
        mode: SyncMode,
        run: TargetRun
    ) -> TargetReport {
        var report = run.report(.refused, commit: nil, refusedCommit: commit)
        if case .preview(let source) = mode {
            report.preview = TargetPreview(
                target: run.target.name,
                source: source.label(commit: commit),
                validation: validation
            )
        }
        return report
    }
}
