import GitSource
import Logging
import Sync

extension SyncEngine {
    /// An engine for the command line, with a clone progress line on a terminal.
    static func open(_ configuration: MooringConfiguration) async throws -> SyncEngine {
        do {
            return try SyncEngine(
                configuration: configuration,
                logger: Logger(label: "mooring"),
                progress: Terminal.stderrIsTerminal ? TransferProgress.show : nil
            )
        } catch {
            throw CommandFailure.runtime(error.message)
        }
    }
}
