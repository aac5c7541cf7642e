import Subprocess
import SystemPackage
import Timing

extension ChildProcess {
    /// Runs `attempt` (which starts the program), again while the program cannot start because a file of it is open
    /// for writing (`ETXTBSY`). On Linux a script this process wrote a moment ago stays open for writing in any child
    /// forked meanwhile until that child starts its own program (golang/go#22315): a race, not a state. Five more
    /// attempts at most, 10 ms apart and doubling; then the error stands.
    static func retryingBusyExecutable<Result>(_ attempt: () async throws -> Result) async throws -> Result {
        var delay = Duration.milliseconds(10)
        for _ in 0..<5 {
            do {
                return try await attempt()
            } catch let error as SubprocessError where error.code == .spawnFailed {
                guard error.underlyingError == Errno.textFileBusy else { throw error }
                try await CancellableSleep.sleep(for: delay)
                delay *= 2
            }
        }
        return try await attempt()
    }
}
