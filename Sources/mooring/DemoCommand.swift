import ArgumentParser
import Foundation
import Logging
import UnixSignals

#if canImport(Glibc)
import Glibc
#endif

/// `mooring demo`: the whole story on a simulated cluster in this process and a throwaway git repository.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Tell the whole story on a simulated cluster and a throwaway git repository.",
        discussion: """
            Starts KubeSim, a simulated Kubernetes API server, inside this process on 127.0.0.1, and a git \
            repository holding the example deploy folder; then validates the folder, deploys it, previews a \
            pull request as the markdown a PR comment gets, merges and syncs it, heals a change made by hand \
            with kubectl scale, rolls back with git revert, refuses a model version that fails its metric gate, \
            and shows the audit trail. Needs git and kubectl; no cluster and no configuration. It touches \
            nothing outside one temporary folder (under TMPDIR), removed at the end, on failure and on Ctrl-C.
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

    /// How the story ended.
    private enum Ending: Sendable {
        case told
        case failed(any Error)
        case interrupted(String)
    }

    func run() async throws {
        let tools = try DemoTools.locate(kubectl: kubectl)
        ConsoleLogHandler.bootstrap(level: .error)
        // Trapped before anything is created, so an early Ctrl-C still leaves nothing behind.
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let workspace = try DemoWorkspace.create()
        let console = DemoConsole(pausing: pause)
        let story = DemoStory(workspace: workspace, tools: tools, console: console)
        let start = FileManager.default.currentDirectoryPath
        // The story's commands read as a person types them in the workspace; every temporary file of Mooring,
        // kubectl and git goes into it too, and with it.
        guard FileManager.default.changeCurrentDirectoryPath(workspace.path) else {
            workspace.remove()
            throw CommandFailure.runtime("could not change into \(workspace.path)")
        }
        setenv("TMPDIR", workspace.path, 1)
        let ending = await withTaskGroup(of: Ending?.self) { group in
            group.addTask {
                do {
                    try await story.tell()
                    return .told
                } catch {
                    return .failed(error)
                }
            }
            group.addTask {
                for await signal in signals { return .interrupted("\(signal)") }
                return nil
            }
            while let result = await group.next() {
                guard let result else { continue }
                group.cancelAll()
                return result
            }
            return Ending.told
        }
        _ = FileManager.default.changeCurrentDirectoryPath(start)
        workspace.remove()
        switch ending {
        case .told:
            console.say("\nDone: the simulated cluster is stopped and \(workspace.path) is removed.")
        case .failed(let error as CommandFailure):
            throw CommandFailure.runtime("the demo stopped: \(error.description)\n\(workspace.path) is removed")
        case .failed(let error):
            throw CommandFailure.runtime("the demo stopped: \(error)\n\(workspace.path) is removed")
        case .interrupted(let signal):
            Terminal.note(
                "\ninterrupted (\(signal)): the simulated cluster is stopped and \(workspace.path) is removed"
            )
            throw ExitCode(130)
        }
    }
}
