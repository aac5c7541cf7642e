import ArgumentParser
import Foundation
import GitSource
import MooringCore
import Sync

/// `mooring source`: poll the repository once, then show the tip commit and the files a sync would read.
struct SourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Fetch the tracked branch and show its commit and the files Mooring would read.",
        discussion: """
            Reads only the source and stateDir sections of the configuration. The mirror lives in \
            <stateDir>/mirror.git; the first run clones, later runs fetch only when the branch moved.
            """
    )

    @OptionGroup var options: ConfigurationOption

    @Option(help: "text for people, json for tools.")
    var format: OutputFormat = .text

    func run() async throws {
        let gitOptions: GitSourceOptions
        do {
            let file = try ConfigurationFile.load(options.config)
            gitOptions = GitSourceOptions(source: try file.source(), stateDirectory: try file.stateDirectory())
        } catch {
            throw CommandFailure.configuration(error)
        }
        let mirror: GitMirror
        do {
            mirror = try GitMirror(
                options: gitOptions,
                progress: Terminal.stderrIsTerminal ? TransferProgress.show : nil
            )
        } catch {
            throw CommandFailure.runtime("configuration error:\n\(options.config): source: \(error)", code: 2)
        }
        let poll: PollResult
        let snapshot: Snapshot
        do {
            poll = try await mirror.poll()
            snapshot = try await mirror.snapshot(of: poll.current)
        } catch {
            throw CommandFailure.runtime(error.description)
        }
        if let movedAside = poll.movedAsideMirror {
            Terminal.warn("the mirror was unusable and has been moved to \(movedAside); cloned again")
        }
        switch format {
        case .text: print(SourceReport(poll: poll, snapshot: snapshot).text)
        case .json: print(SourceReport(poll: poll, snapshot: snapshot).json)
        }
    }
}
