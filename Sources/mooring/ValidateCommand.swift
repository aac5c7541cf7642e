import ArgumentParser
import Foundation
import Manifests
import MooringCore
import Sync

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
        let policy = try loadPolicy()
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

    /// No configuration: no host policy. With one, the policy of the target named by `--target`, of the
    /// only target, or of the target whose folder is PATH.
    private func loadPolicy() throws -> ValidationPolicy {
        guard let config else { return ValidationPolicy() }
        let targets: [TargetSettings]
        let limits: SourceLimits
        do {
            let file = try ConfigurationFile.load(config)
            targets = try file.targetPolicies()
            limits = try file.sourceLimits()
        } catch {
            throw CommandFailure.configuration(error)
        }
        let names = targets.map(\.name).joined(separator: ", ")
        if let target {
            guard let chosen = targets.first(where: { $0.name == target }) else {
                throw CommandFailure.runtime("\(config) has no target named \(target) (targets: \(names))", code: 2)
            }
            return chosen.policy.validationPolicy(limits: limits)
        }
        if targets.count == 1, let only = targets.first { return only.policy.validationPolicy(limits: limits) }
        let folder = Self.normalized(path)
        let matches = targets.filter { candidate in
            let configured = Self.normalized(candidate.path)
            return folder == configured || folder.hasSuffix("/" + configured)
        }
        guard matches.count == 1, let chosen = matches.first else {
            throw CommandFailure.runtime(
                "\(config) has several targets (\(names)) and none has the folder \(path); choose one with --target",
                code: 2
            )
        }
        return chosen.policy.validationPolicy(limits: limits)
    }

    /// A folder path without `./` and trailing slashes, for comparing with a target's `path`.
    private static func normalized(_ path: String) -> String {
        var text = path
        while text.hasPrefix("./") { text.removeFirst(2) }
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        return text
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
