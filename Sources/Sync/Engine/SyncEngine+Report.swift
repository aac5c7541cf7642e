import GitSource

extension SyncEngine {
    /// `reports` made whole, the last stage of a sync: each with what its commits say about themselves (read from
    /// the mirror once per commit) and where its target stands in the journal after the sync, its aborted canaries
    /// held out of traffic.
    func completed(_ reports: [TargetReport]) async -> [TargetReport] {
        var completed: [TargetReport] = []
        for report in reports {
            for commit in [report.commit, report.refusedCommit].compactMap(\.self) where memory[commit] == nil {
                memory[commit] = try? await mirror.commit(commit)
            }
            let holds = heldCanaries[report.target] ?? []
            completed.append(memory.completing(report, state: state?[report.target], holds: holds))
        }
        return completed
    }
}
