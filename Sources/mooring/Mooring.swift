import ArgumentParser
import Foundation

@main
struct Mooring: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mooring",
        abstract: "GitOps reconciliation for machine-learning model deployments.",
        subcommands: [ValidateCommand.self]
    )

    /// Runs the command, exiting 2 on usage errors (ArgumentParser's default is 64) as INTERFACE.md promises.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                var standardError = StandardError()
                print(fullMessage(for: error), to: &standardError)
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
