import GitSource
import Logging
import Sync

extension SyncEngine {
    /// An engine for the command line, with a clone progress line on a terminal.
    static func open(_ configuration: MooringConfiguration, showProgress: Bool = true) async throws -> SyncEngine {
        do {
            return try SyncEngine(
                configuration: configuration,
                logger: Logger(label: "mooring"),
                progress: showProgress && Terminal.stderrIsTerminal ? TransferProgress.show : nil
            )
        } catch {
            throw CommandFailure.runtime(error.message)
        }
    }
}
