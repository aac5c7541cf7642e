/// What the record stage hands back for the engine to store and tell: the target's journal state, and the history
/// line and `sync_applied` event of the sync, when it has them.
struct RecordedSync {
    var state: TargetState
    /// The line for `history.jsonl`; `nil` when the sync wrote nothing, raised no alert and changed no model.
    var history: HistoryEntry?
    /// `sync_applied`, raised once the history line is appended; `nil` when the sync wrote nothing.
    var applied: SyncEvent?
}
