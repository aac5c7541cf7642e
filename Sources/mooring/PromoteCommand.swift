import ArgumentParser
import Foundation
import Manifests
import MooringCore
import Sync

/// `mooring promote MODEL`: the edit a promotion pull request makes — the canary becomes stable.
struct PromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Make a model's canary its stable version in a local checkout, ready for a pull request.",
        discussion: """
            Edits models' ModelDeployment in place: spec.stable becomes the canary's version and spec.canary is \
            removed; no other line changes (comments and formatting are kept). The folder must be valid before \
            and after (nothing is written otherwise). Prints the change as markdown for the pull request; with \
            --config, also what the sync would change in the cluster (as `mooring diff --path --format markdown`).
            The markdown includes the canary's latest analysis results, read from a running daemon's /status             (--status-url, else server.listen of --config, else http://127.0.0.1:9420); when no daemon answers,             it says so and the promotion is still made.
            Exit status: 0 promoted, 1 nothing to promote or the folder is not valid, 2 usage or configuration error.
            """
    )

    @Argument(help: "The model: its name, or namespace/name when the name is used in several namespaces.")
    var model: String

    @Option(help: ArgumentHelp("The git checkout holding the deploy folder.", valueName: "dir"))
    var repo = "."

    @Option(help: ArgumentHelp("The deploy folder inside the checkout.", valueName: "dir"))
    var path = "deploy-manifests"

    @Option(
        help: ArgumentHelp(
            "A host configuration: also preview what a sync of the promoted folder would change.",
            valueName: "file"
        )
    )
    var config: String?

    @Option(help: ArgumentHelp("With several targets in --config: the one to preview.", valueName: "name"))
    var target: String?

    @Option(
        help: ArgumentHelp(
            "The running daemon to ask for the canary's latest analysis, such as http://127.0.0.1:9420.",
            valueName: "url"
        )
    )
    var statusURL: String?

    func run() async throws {
        let folder = URL(fileURLWithPath: repo).appendingPathComponent(path).path
        let files = try readFolder(folder)
        let summary = try servingModel(in: files, folder: folder)
        guard let canary = summary.canary else {
            throw CommandFailure.runtime("\(summary.qualifiedName) has no canary: nothing to promote")
        }
        let file = summary.source.file
        guard let original = files.first(where: { $0.path == file }),
            let text = String(validating: original.bytes, as: UTF8.self)
        else {
            throw CommandFailure.runtime("\(folder)/\(file) could not be read as text")
        }
        let edit: PromotionEdit.Result
        do {
            edit = try PromotionEdit(text: text, documentLine: summary.source.line).promoting(canary.version)
        } catch {
            throw CommandFailure.runtime("\(folder)/\(file): \(error.description)")
        }
        try checkPromoted(files: files, file: file, edited: edit.text, model: summary, version: canary.version)
        do {
            try edit.text.write(toFile: "\(folder)/\(file)", atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure.runtime("\(folder)/\(file) could not be written: \(error.localizedDescription)")
        }
        print(PromotionSummary(model: summary, file: "\(path)/\(file)", edit: edit).markdown())
        print("")
        print(try await analysis(of: summary).markdown())
        try await printPreview(folder: folder)
    }

    private func readFolder(_ folder: String) throws -> [SourceFile] {
        do throws(ManifestsError) {
            return try LocalFolderReader().read(at: folder)
        } catch {
            throw CommandFailure.runtime("\(folder): \(error.message)", code: error.code == .folderNotFound ? 2 : 1)
        }
    }

    /// The model named on the command line, from a folder that must be valid as it is.
    private func servingModel(in files: [SourceFile], folder: String) throws -> ModelSummary {
        let result = DesiredStateBuilder().validate(files: files)
        guard let state = result.desiredState else {
            throw CommandFailure.runtime(
                "\(folder) is not valid now (\(result.report.diagnostics.count) problems): fix it first; `mooring validate \(folder)` names them"
            )
        }
        let matches = state.models.filter { $0.name == model || $0.qualifiedName == model }
        guard matches.count == 1, let summary = matches.first else {
            let known = state.models.map(\.qualifiedName).joined(separator: ", ")
            let why =
                matches.isEmpty ? "no model named \(model)" : "\(model) is in several namespaces; write namespace/name"
            throw CommandFailure.runtime("\(folder): \(why) (models: \(known.isEmpty ? "none" : known))")
        }
        return summary
    }

    /// Refuses the edit unless the folder stays valid with `version` as the model's stable and no canary.
    private func checkPromoted(
        files: [SourceFile],
        file: String,
        edited: String,
        model: ModelSummary,
        version: String
    ) throws {
        let changed = files.map { $0.path == file ? SourceFile(path: file, bytes: Array(edited.utf8)) : $0 }
        let result = DesiredStateBuilder().validate(files: changed)
        let promoted = result.desiredState?.models.first { $0.qualifiedName == model.qualifiedName }
        guard let promoted, promoted.stable == version, promoted.canary == nil else {
            let problems = result.report.diagnostics.map(\.description).joined(separator: "\n  ")
            throw CommandFailure.runtime(
                "promoting \(model.qualifiedName) would not leave a valid folder; nothing was written\n  \(problems)"
            )
        }
    }

    /// The canary's latest analysis, as the daemon reports it (or why it cannot be had).
    private func analysis(of model: ModelSummary) async throws -> PromotionAnalysis {
        let client = try DaemonStatusClient(url: statusURL, config: config)
        let answer: PromotionAnalysis.Answer
        do {
            answer = .status(try await client.status(timeout: 5).document)
        } catch {
            answer = .unreachable("\(error)")
        }
        return PromotionAnalysis(model: model, daemon: client.base, answer: answer, target: target)
    }

    /// With `--config`: what a sync of the promoted folder would change, as a pull-request comment.
    private func printPreview(folder: String) async throws {
        guard let config else { return }
        let configuration: MooringConfiguration
        do {
            configuration = try MooringConfiguration.load(from: config)
        } catch {
            throw CommandFailure.configuration(error)
        }
        let engine = try await SyncEngine.open(configuration)
        do {
            let previews = try await engine.preview(.folder(folder), target: target)
            print("")
            print(previews.map { $0.markdown() }.joined(separator: "\n\n"))
        } catch {
            throw CommandFailure.runtime("the promotion is written, but the preview failed: \(error.message)", code: 1)
        }
    }
}
