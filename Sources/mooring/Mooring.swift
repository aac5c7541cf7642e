import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

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
        subcommands: [HistoryCommand.self, SourceCommand.self]
    )

    /// Runs the command, mapping failures to INTERFACE.md's exit codes with a message on stderr.
    static func main() async {
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
            exit(withError: error)
        }
    }
}
