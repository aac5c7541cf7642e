import GitSource
import Logging

extension SyncEngine {
    /// Keeps the state directory bounded after a sync: the mirror compacted once a fetch brought something (and at
    /// the first sync of this process), with every target's last applied commit pinned so that no repack drops it.
    func maintainMirror(after poll: PollResult?) async {
        guard let poll, poll.fetched || !mirrorMaintained else { return }
        mirrorMaintained = true
        let applied = configuration.targets.compactMap { state?[$0.name].lastAppliedCommit.flatMap(CommitID.init) }
        do {
            let result = try await mirror.maintain(keeping: applied)
            if result.repacked {
                logger.info("the mirror was repacked: \(result.packsBefore) packs → \(result.packsAfter)")
            }
            for copy in result.removedCorruptCopies { logger.info("removed the old mirror copy \(copy)") }
            if let problem = result.problem, problem != mirrorProblem { logger.warning("\(problem)") }
            mirrorProblem = result.problem
        } catch {
            logger.warning("the mirror could not be maintained: \(error.message)")
        }
    }
}
