import ArgumentParser

@main
struct Mooring: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mooring",
        abstract: "GitOps reconciliation for machine-learning model deployments."
    )
}
