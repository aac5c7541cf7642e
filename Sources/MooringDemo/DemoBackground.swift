import ChildProcess
import Synchronization

/// A program the demo keeps running while one part of the story is told — Prometheus, `mooring run` — run as a
/// ``ChildProcess``: when that part ends, fails or is interrupted, the program is stopped (SIGTERM to its process
/// group, then SIGKILL after ``ChildProcess/stopGracePeriod``) and reaped before the story goes on.
final class DemoBackground: Sendable {
    /// The program as the story names it, such as `mooring run`.
    let name: String
    /// Why the program ended on its own, once it has.
    private let ending = Mutex<String?>(nil)

    private init(name: String) {
        self.name = name
    }

    /// Runs `process` while `body` runs, and stops it when `body` returns or throws.
    static func running(
        _ name: String,
        _ process: ChildProcess,
        _ body: (DemoBackground) async throws -> Void
    ) async throws {
        let background = DemoBackground(name: name)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await background.run(process) }
            // Leaving the group waits for the program to be reaped.
            defer { group.cancelAll() }
            try await body(background)
        }
    }

    /// Throws ``DemoError/Code/stepFailed`` with what the program printed last when it is no longer running.
    func checkRunning() throws(DemoError) {
        guard let ending = ending.withLock({ $0 }) else { return }
        throw DemoError(code: .stepFailed, message: "\(name) stopped early: \(ending)")
    }

    private func run(_ process: ChildProcess) async {
        let ending: String
        do {
            let output = try await process.run()
            let printed = String(decoding: output.standardError + output.standardOutput, as: UTF8.self)
            ending = "it exited with status \(output.status); it printed: \(printed.suffix(2000))"
        } catch {
            ending = "it \(error.message)"
        }
        self.ending.withLock { $0 = ending }
    }
}
