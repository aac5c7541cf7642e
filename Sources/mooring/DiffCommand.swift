import ArgumentParser
import Logging
import MooringCore
import Sync

/// `mooring diff`: what a sync would change, for the branch, a pull request's ref, or a local folder.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what a sync would change in the cluster, object by object, field by field.",
        discussion: """
            Without --ref or --path: the tip of the tracked branch. --ref previews a branch, tag, ref \
            (refs/pull/7/head) or commit id: a pull request. --path previews a local deploy folder. \
            Nothing is changed: the API server is asked for dry-runs only. Commit signatures \
            (source.verify) are not checked here, so an unsigned pull request can be previewed; \
            `mooring sync` and `mooring run` check them before applying.
            Exit status: 0 no change, 1 changes, 2 or more error (an invalid desired state is 2).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @OptionGroup var options: ConfigurationOption

    @Option(help: ArgumentHelp("A branch, tag, ref or commit id to preview.", valueName: "ref"))
    var ref: String?

    @Option(help: ArgumentHelp("A local deploy folder to preview.", valueName: "dir"))
    var path: String?

    @Option(help: ArgumentHelp("With several targets: only this one.", valueName: "name"))
    var target: String?

    @Option(help: "text for people, markdown for a pull-request comment, json for tools.")
    var format: Format = .text

    func validate() throws {
        if ref != nil, path != nil { throw ValidationError("give --ref or --path, not both") }
    }

    func run() async throws {
        ConsoleLogHandler.bootstrap(level: .warning)
        let configuration = try options.loadConfiguration()
        if path != nil, configuration.targets.count > 1, target == nil {
            throw CommandFailure.runtime("--path previews one target's folder: choose it with --target", code: 2)
        }
        let engine = try await SyncEngine.open(configuration)
        let source: PreviewSource = path.map { .folder($0) } ?? ref.map { .ref($0) } ?? .trackedBranch
        let previews: [TargetPreview]
        do {
            previews = try await engine.preview(source, target: target)
        } catch {
            throw CommandFailure.runtime(error.message, code: 2)
        }
        switch format {
        case .text: print(previews.map { $0.text() }.joined(separator: "\n\n"))
        case .markdown: print(previews.map { $0.markdown() }.joined(separator: "\n\n"))
        case .json:
            let value = previews.count == 1 ? previews[0].json() : .array(previews.map { $0.json() })
            print(value.serialized(pretty: true))
        }
        if previews.contains(where: { $0.validation != nil }) { throw ExitCode(2) }
        if previews.contains(where: \.hasChanges) { throw ExitCode(1) }
    }
}
