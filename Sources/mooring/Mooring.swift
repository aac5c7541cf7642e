// Folder mooring: the commands of the `mooring` program.

import ArgumentParser
import Glibc
import MooringDaemon

@main
struct Mooring: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mooring",
        abstract: "GitOps reconciliation for machine-learning model deployments.",
        discussion: """
            Mooring keeps a Kubernetes cluster in step with a git repository: which model versions \
            serve, and the configuration around them. The host configuration lives in \
            /etc/mooring/mooring.yaml; see the README for its keys.
            """,
        subcommands: [
            ValidateCommand.self, DiffCommand.self, SyncCommand.self, RunCommand.self, HistoryCommand.self,
            RecordCommand.self, PromoteCommand.self,
            SourceCommand.self,
            StatusCommand.self,
            VersionCommand.self,
            DemoCommand.self,
        ]
    )

    /// Runs the command, mapping failures to INTERFACE.md's exit codes with a message on stderr.
    /// Usage errors exit 2 (ArgumentParser's own code for them is 64).
    static func main() async {
        // The daemon keeps its heap in one arena (see ProcessHeap); a command that runs and exits decodes its files
        // on every core, each thread in an arena of its own rather than all behind one lock.
        if CommandLine.arguments.dropFirst().first == RunCommand.configuration.commandName {
            ProcessHeap.useOneArena()
        }
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            Terminal.error(failure.description)
            Glibc.exit(failure.exitCode.rawValue)
        } catch {
            if exitCode(for: error) == .validationFailure {
                Terminal.note(fullMessage(for: error))
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}
