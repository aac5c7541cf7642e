import Foundation
import Manifests
import MooringCore
import MooringDaemon

/// The canary's latest live analysis for the promotion pull request, as a running daemon's `/status` reports it, in
/// markdown — or, plainly, why it is not there (no daemon answers, the daemon does not serve the model, no analysis
/// ran for this canary).
struct PromotionAnalysis {
    /// What asking the daemon gave.
    enum Answer {
        case status(StatusDocument)
        /// No daemon answered: why.
        case unreachable(String)
    }

    /// The model before the promotion.
    var model: ModelSummary
    /// Where the daemon was asked.
    var daemon: String
    var answer: Answer
    /// The target to read, when the daemon syncs several; the first that serves the model otherwise.
    var target: String?

    func markdown() -> String {
        var lines = ["#### Canary analysis", ""]
        let canary = model.canary?.version ?? model.stable
        switch answer {
        case .unreachable(let why):
            lines.append("The canary's live analysis is not included: \(Self.cell(why)).")
        case .status(let status):
            let served = status.targets.filter { target == nil || $0.name == target }.lazy
                .compactMap { $0.models.first { $0.namespace == model.namespace && $0.name == model.name } }.first
            guard let served else {
                lines.append("The daemon at \(daemon) does not serve \(model.qualifiedName).")
                break
            }
            guard let analysis = served.analysis, analysis.version == canary else {
                lines.append(
                    "The daemon at \(daemon) has no analysis of version \(canary) (the ModelDeployment has no "
                        + "`spec.analysis`, or the canary has not served yet)."
                )
                lines += monitors(served)
                break
            }
            lines.append(
                "Version \(Self.cell(canary)), from the daemon at \(daemon): **\(Self.cell(analysis.summary))**."
            )
            lines += ["", "| check | latest value | bounds | result |", "|---|---|---|---|"]
            lines += analysis.checks.map(Self.row)
            lines += monitors(served)
        }
        return lines.joined(separator: "\n")
    }

    /// The monitors of the stable version, when it has any.
    private func monitors(_ model: StatusDocument.Model) -> [String] {
        guard !model.monitors.isEmpty else { return [] }
        return [
            "", "Monitors on stable \(Self.cell(model.stable)):", "", "| check | latest value | bounds | result |",
            "|---|---|---|---|",
        ] + model.monitors.map(Self.row)
    }

    private static func row(_ check: StatusDocument.Check) -> String {
        "| \(cell(check.name)) | \(check.measured) | \(check.bounds) | \(check.outcome) |"
    }

    /// Text from the daemon made safe in a markdown table cell or line: one line, no `|`, no HTML.
    private static func cell(_ text: String) -> String {
        text.escapingControlCharacters.replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
