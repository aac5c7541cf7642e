import ArgumentParser
import MooringDaemon

/// `mooring status`: what a running daemon is doing, from its `/status`.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Ask a running daemon what it is doing.",
        discussion: """
            Reads GET /status from the daemon's HTTP listener: --url, else server.listen of --config, else \
            http://127.0.0.1:9420. Exits 1 when the daemon cannot be reached.
            """
    )

    @Option(help: ArgumentHelp("The daemon's address, such as http://127.0.0.1:9420.", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("A host configuration whose server.listen to ask.", valueName: "file"))
    var config: String?

    @Option(help: "text for people, json for tools.")
    var format: OutputFormat = .text

    func run() async throws {
        let answer = try await DaemonStatusClient(url: url, config: config).status()
        switch format {
        case .text: print(answer.document.text, terminator: "")
        case .json: print(String(decoding: answer.body, as: UTF8.self))
        }
    }
}
