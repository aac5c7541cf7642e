import ArgumentParser

@main
struct KubeSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kubesim")
}
