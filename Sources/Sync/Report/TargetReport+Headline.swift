import GitSource

extension TargetReport {
    /// The outcome and the commit it is about, in a few words: `applied at 3f2c1a9b8d7e`, or for a refusal the
    /// refused commit with the one still serving, `refused 9e8d7c6b5a41 (still serving 3f2c1a9b8d7e)`.
    public var headline: String {
        guard let refused = refusedCommit else {
            return "\(outcome.rawValue) at \(commit?.short ?? "-")"
        }
        let serving = commit.map { "still serving \($0.short)" } ?? "nothing applied before"
        return "\(outcome.rawValue) \(refused.short) (\(serving))"
    }
}
