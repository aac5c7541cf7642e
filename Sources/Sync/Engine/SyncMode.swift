/// What a sync does with what it decides. One per-target pipeline serves the three modes — the same desired-state,
/// canary-hold and live-state/plan stages — and the mode chooses its tail:
/// - `mooring sync` and the daemon apply: write, prune, check health, record;
/// - `mooring sync --dry-run` stops at the plan (server-side dry-runs of drift checks included) and reports it;
/// - `mooring diff` previews: the plan's writes as server-side dry-runs, one ``ObjectPreview`` per object.
public enum SyncMode: Sendable, Equatable {
    /// Every stage: apply, prune, health, and the journal and the audit trail written.
    case apply
    /// Up to the plan: nothing is applied, pruned or recorded.
    case dryRun
    /// Up to the plan, then what each object would become as server-side dry-runs show it, for the desired state of
    /// `source` (the tracked branch, a ref or a local folder). Nothing is applied, pruned or recorded; the journal is
    /// read without being repaired, commit signatures are not checked, and nothing is logged or alerted.
    case preview(PreviewSource)

    /// Whether the sync writes: to the cluster, the journal, the audit trail, the mirror's maintenance.
    var writes: Bool { self == .apply }

    /// Whether this is a preview (`mooring diff`).
    var previews: Bool {
        if case .preview = self { return true }
        return false
    }
}
