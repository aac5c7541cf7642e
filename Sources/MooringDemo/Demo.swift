// Folder MooringDemo: `mooring demo` and its story.

import Foundation
import Glibc
import UnixSignals

/// `mooring demo`: the whole story on a simulated cluster in this process and a throwaway git repository, in one
/// temporary folder (under `TMPDIR`) that is removed at the end, on failure and on Ctrl-C.
public struct Demo: Sendable {
    /// How the story ended when it did not fail.
    public enum Ending: Sendable, Equatable {
        case told
        /// SIGINT or SIGTERM arrived; the simulated cluster is stopped and the workspace removed.
        case interrupted(signal: String, workspace: String)
    }

    /// The kubectl to drive the simulated cluster with (default: kubectl on `PATH`, else `/usr/bin/kubectl`).
    public var kubectl: String?
    /// Wait for Enter before each step.
    public var pause: Bool
    /// Print in colour.
    public var colour: Bool
    public var commands: DemoCommands

    public init(kubectl: String?, pause: Bool, colour: Bool, commands: DemoCommands) {
        self.kubectl = kubectl
        self.pause = pause
        self.colour = colour
        self.commands = commands
    }

    /// Tells the story on standard output. Throws ``DemoError/Code/setupFailed`` when git, kubectl or the
    /// workspace is missing, before anything starts, and ``DemoError/Code/stepFailed`` when a step went wrong.
    public func tell() async throws(DemoError) -> Ending {
        let tools = try DemoTools.locate(kubectl: kubectl)
        // Trapped before anything is created, so an early Ctrl-C still leaves nothing behind.
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let workspace = try DemoWorkspace.create()
        let console = DemoConsole(pausing: pause, colour: colour)
        let story = DemoStory(workspace: workspace, tools: tools, console: console, commands: commands)
        let start = FileManager.default.currentDirectoryPath
        // The story's commands read as a person types them in the workspace; every temporary file of Mooring,
        // kubectl and git goes into it too, and with it.
        guard FileManager.default.changeCurrentDirectoryPath(workspace.path) else {
            workspace.remove()
            throw DemoError(code: .setupFailed, message: "could not change into \(workspace.path)")
        }
        setenv("TMPDIR", workspace.path, 1)
        let ending = await withTaskGroup(of: Result<Ending, DemoError>?.self) { group in
            group.addTask {
                do {
                    try await story.tell()
                    return .success(.told)
                } catch {
                    let message = "the demo stopped: \(error)\n\(workspace.path) is removed"
                    return .failure(DemoError(code: .stepFailed, message: message))
                }
            }
            group.addTask {
                for await signal in signals {
                    return .success(.interrupted(signal: "\(signal)", workspace: workspace.path))
                }
                return nil
            }
            while let result = await group.next() {
                guard let result else { continue }
                group.cancelAll()
                return result
            }
            return .success(.told)
        }
        _ = FileManager.default.changeCurrentDirectoryPath(start)
        workspace.remove()
        if case .success(.told) = ending {
            console.say("\nDone: the simulated cluster is stopped and \(workspace.path) is removed.")
        }
        return try ending.get()
    }
}
