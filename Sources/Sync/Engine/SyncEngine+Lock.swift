import Logging

extension SyncEngine {
    /// How long a sync waits for another one on the same state directory before it gives up.
    static let stateLockWait = Duration.seconds(600)

    /// Runs `body` holding the state directory's lock (see ``StateLock``).
    func holdingStateLock<Result>(
        _ body: () async throws(SyncError) -> Result
    ) async throws(SyncError) -> Result {
        let (directory, logger) = (configuration.stateDirectory, logger)
        let lock = try await StateLock.acquire(in: directory, timeout: Self.stateLockWait) { holder in
            logger.info("waiting for Mooring \(holder) to finish its sync of \(directory)")
        }
        defer { lock.release() }
        return try await body()
    }
}
