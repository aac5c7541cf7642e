import ArgumentParser
import Foundation
import Logging
import MooringDemo

/// `mooring demo`: the whole story on a simulated cluster in this process and a throwaway git repository, told by
/// the MooringDemo target; this command only wires it to the CLI.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Tell the whole story on a simulated cluster and a throwaway git repository.",
        discussion: """
            Starts KubeSim, a simulated Kubernetes API server, inside this process on 127.0.0.1, and a git \
            repository holding the example deploy folder; then validates the folder, deploys it, previews a \
            pull request as the markdown a PR comment gets, merges and syncs it, heals a change made by hand \
            with kubectl scale, rolls back with git revert, refuses a model version that fails its metric gate, \
            lets `mooring run` abort a canary whose error rate climbs (queried from a real Prometheus on \
            127.0.0.1; skipped, saying so, when prometheus is not installed), and shows the audit trail. Needs \
            git and kubectl; no cluster and no configuration. It touches nothing outside one temporary folder \
            (under TMPDIR), removed at the end, on failure and on Ctrl-C; what it started is stopped then too.
            Exit status: 0 the story ran, 1 a step went wrong, 2 git or kubectl is missing, 130 interrupted.
            """
    )

    @Option(
        help: ArgumentHelp(
            "The kubectl to drive the simulated cluster with (default: kubectl on PATH, else /usr/bin/kubectl).",
            valueName: "path"
        )
    )
    var kubectl: String?

    @Flag(help: "Wait for Enter before each step.")
    var pause = false

    func run() async throws {
        ConsoleLogHandler.bootstrap(level: .error)
        let demo = Demo(
            kubectl: kubectl,
            pause: pause,
            colour: Terminal.stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil,
            commands: DemoCommands(
                validate: { try await ValidateCommand.parse($0).run() },
                history: { try HistoryCommand.parse($0).run() },
                status: { try await StatusCommand.parse($0).run() },
                summary: { SyncSummary.line(for: $0) }
            )
        )
        let ending: Demo.Ending
        do {
            ending = try await demo.tell()
        } catch {
            throw CommandFailure.runtime(error.message, code: error.code == .setupFailed ? 2 : 1)
        }
        if case .interrupted(let signal, let workspace) = ending {
            Terminal.note("\ninterrupted (\(signal)): the simulated cluster is stopped and \(workspace) is removed")
            throw ExitCode(130)
        }
    }
}
