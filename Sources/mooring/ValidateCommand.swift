import ArgumentParser
import Foundation
import Manifests
import MooringCore

/// `mooring validate [PATH] [--config FILE] [--format text|json|github] [--strict]`: the offline check a pull
/// request runs.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract:
            "Check a deploy folder offline: parse, validate, render, metric gates, and host policy with --config.",
        discussion: """
            Exit status: 0 valid, 1 invalid, 2 usage or configuration error. \
            --format github prints workflow commands that annotate a pull request, with paths \
            relative to the repository root; --format json is for tools.
            """
    )

    @Argument(help: "The deploy folder.")
    var path = "deploy-manifests"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A host configuration file, to apply its policy (namespaces, cluster kinds, gate floors).",
            valueName: "file"
        )
    )
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With a configuration that has several targets: the target whose policy applies.",
            valueName: "name"
        )
    )
    var target: String?

    @Option(name: .long, help: "text for people, json for tools, github for workflow annotations.")
    var format: Format = .text

    @Flag(
        name: .long,
        help: "Refuse kinds whose scope is not known offline (not built in, no CRD in the folder) instead of warning."
    )
    var strict = false

    /// `--format`: the report formats Manifests prints.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github

        var reportFormat: ReportFormat {
            switch self {
            case .text: return .text
            case .json: return .json
            case .github: return .github
            }
        }
    }

    func run() async throws {
        let policy = try HostPolicy.load(config: config, target: target, folder: path)
        let files: [SourceFile]
        do throws(ManifestsError) {
            files = try LocalFolderReader(limits: policy.limits).read(at: path)
        } catch {
            if error.code == .folderNotFound {
                throw CommandFailure.runtime("\(path): no such folder", code: 2)
            }
            print(
                ValidationResult(report: ValidationReport(refusal: error), desiredState: nil).formatted(
                    as: format.reportFormat,
                    style: style()
                ),
                terminator: ""
            )
            throw ExitCode(1)
        }
        let result = DesiredStateBuilder(policy: policy, scopes: .builtIn(strict: strict)).validate(files: files)
        print(result.formatted(as: format.reportFormat, style: style()), terminator: "")
        if !result.report.isValid { throw ExitCode(1) }
    }

    private func style() -> ReportStyle {
        switch format {
        case .github:
            return ReportStyle(pathPrefix: RepositoryPath.relativeToRepositoryRoot(path))
        case .text:
            let colour = Terminal.stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            return ReportStyle(pathPrefix: path, colour: colour)
        case .json:
            return ReportStyle(pathPrefix: path)
        }
    }
}
