import ArgumentParser
import Foundation
import Sync

/// `mooring history`: the audit trail of which commit and model versions went live when.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show which commits and model versions went live, when, and what happened.",
        discussion: "Reads history.jsonl in the state directory. Newest last."
    )

    @OptionGroup var options: ConfigurationOption

    @Option(help: ArgumentHelp("Only entries that changed this model's versions.", valueName: "name"))
    var model: String?

    @Option(help: "text for people, json for tools.")
    var format: OutputFormat = .text

    func run() throws {
        let stateDirectory: String
        do {
            stateDirectory = try ConfigurationFile.load(options.config).stateDirectory()
        } catch {
            throw CommandFailure.configuration(error)
        }
        let history: (entries: [HistoryEntry], unreadableLines: Int)
        do {
            history = try Journal(directory: stateDirectory).history()
        } catch {
            throw CommandFailure.runtime(error.message)
        }
        let entries = model.map { name in history.entries.filter { $0.concerns(model: name) } } ?? history.entries
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(entries), as: UTF8.self))
        case .text:
            if entries.isEmpty {
                print(
                    model.map { "No history for model \($0) yet." }
                        ?? "No history yet: Mooring has not synced on this host."
                )
            }
            for entry in entries { print(entry.textLines.joined(separator: "\n")) }
        }
        if history.unreadableLines > 0 {
            Terminal.warn("\(history.unreadableLines) unreadable line(s) in history.jsonl were skipped")
        }
    }
}
