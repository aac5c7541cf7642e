/// Structured races between two pieces of work.
enum Race {
    /// The result of whichever of `work` and `other` finishes first; the other is cancelled and awaited, so it
    /// must end promptly when cancelled.
    static func first<Result: Sendable>(
        _ work: @escaping @Sendable () async -> Result,
        or other: @escaping @Sendable () async -> Result
    ) async -> Result {
        await withTaskGroup(of: Result.self) { group in
            group.addTask(operation: work)
            group.addTask(operation: other)
            defer { group.cancelAll() }
            // Two children were added, so the group always yields a first result; the fallback never runs.
            guard let winner = await group.next() else { return await other() }
            return winner
        }
    }
}
