extension SyncEngine {
    /// What the journal holds for `target` after the last sync; `nil` before the first sync read the journal. The
    /// daemon's live guardrails read the rendered models of the last applied commit from it.
    public func journalState(of target: String) -> TargetState? {
        state.map { $0[target] }
    }
}
