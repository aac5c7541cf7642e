/// What a sync does with what it decides. `mooring sync` and the daemon apply; `mooring sync --dry-run` runs the
/// same stages up to the plan (server-side dry-runs included) and stops there. A preview (`mooring diff`) runs the
/// same desired-state, canary-hold and live-plan stages through ``SyncEngine/preview(_:target:)``, which shows each
/// object's fields instead of a report.
public enum SyncMode: Sendable {
    /// Every stage: apply, prune, health, and the journal and the audit trail written.
    case apply
    /// Up to the plan: nothing is applied, pruned or recorded.
    case dryRun

    /// Whether the sync writes: to the cluster, the journal, the audit trail, the mirror's maintenance.
    var writes: Bool { self == .apply }
}
