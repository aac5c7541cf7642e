import Analysis
import Foundation
import Manifests
import Sync

/// A model's page at `/models/<target>/<namespace>/<name>`: what serves now, a timeline of which version served
/// when (drawn from the history as inline SVG), the canary analysis and the monitors with each check's latest value
/// and bounds, and the records of the served versions (artifact, data, code, hyperparameters, metrics against the
/// gates). Like the status page: one self-contained document, no script, every text escaped.
enum ModelPage {
    /// What the page shows.
    struct Content {
        var target: String
        /// The model as `/status` shows it, analysis and monitors included.
        var model: StatusDocument.Model
        /// The model as the last applied commit rendered it (the records, the gates); `nil` when the journal does not
        /// hold that yet.
        var summary: ModelSummary?
        var timeline: ServingTimeline
    }

    static func render(_ content: Content) -> String {
        let model = content.model
        let name = "\(model.namespace)/\(model.name)"
        var html = StatusPage.head(title: "\(name) – Mooring")
        html += "<p><a href=\"/\">← Mooring status</a></p>\n"
        html += "<h1>Model \(StatusPage.escape(name))</h1>\n"
        html += "<p class=\"muted\">Target \(StatusPage.escape(content.target)).</p>\n"
        html += serving(model)
        html += timeline(content.timeline)
        html += analysis(model.analysis)
        html += monitors(model.monitors)
        html += records(of: model, summary: content.summary)
        return html + "</body></html>\n"
    }

    private static func serving(_ model: StatusDocument.Model) -> String {
        var html = "<table>\n<tr><th>Stable</th><td>version \(StatusPage.escape(model.stable))</td></tr>\n"
        if let canary = model.canary {
            let traffic = model.canaryTraffic ?? 0
            let held =
                model.canaryAborted == true ? ", aborted: held out of traffic until the model changes in git" : ""
            html +=
                "<tr><th>Canary</th><td>version \(StatusPage.escape(canary)) at \(traffic)% of traffic\(held)</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private static func analysis(_ analysis: StatusDocument.Analysis?) -> String {
        var html = "<h2>Canary analysis</h2>\n"
        guard let analysis else {
            return html + "<p class=\"muted\">No canary analysis is running for this model.</p>\n"
        }
        let style: String =
            switch analysis.state {
            case .running: "muted"
            case .passed: "ok"
            case .aborted: "bad"
            case .unavailable: "warn"
            }
        html += "<p class=\"\(style)\">Version \(StatusPage.escape(analysis.version)): "
        html += "\(StatusPage.escape(analysis.summary)) <span class=\"muted\">(since "
        html += "\(StatusPage.escape(StatusPage.time(analysis.startedAt))))</span></p>\n"
        return html + checks(analysis.checks)
    }

    private static func monitors(_ monitors: [StatusDocument.Check]) -> String {
        let html = "<h2>Monitors</h2>\n"
        guard !monitors.isEmpty else { return html + "<p class=\"muted\">No monitors have run.</p>\n" }
        return html + checks(monitors)
    }

    /// Each check's latest run: value, bounds, result, failures in a row, when.
    private static func checks(_ checks: [StatusDocument.Check]) -> String {
        var html = "<table><tr><th>Check</th><th>Latest value</th><th>Bounds</th><th>Result</th><th>At</th></tr>\n"
        for check in checks {
            let style = check.result == .pass ? "ok" : check.result == .fail ? "bad" : "warn"
            html += "<tr><td>\(StatusPage.escape(check.name))</td><td>\(StatusPage.escape(check.measured))</td>"
            html += "<td>\(StatusPage.escape(check.bounds))</td>"
            html += "<td class=\"\(style)\">\(StatusPage.escape(check.outcome))</td>"
            html += "<td>\(StatusPage.escape(StatusPage.time(check.at)))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private static func timeline(_ timeline: ServingTimeline) -> String {
        var html = "<h2>What served when</h2>\n"
        guard !timeline.segments.isEmpty else {
            return html + "<p class=\"muted\">The history holds no rollout of this model yet.</p>\n"
        }
        if timeline.isPartial {
            html += "<p class=\"muted\">Only the most recent history is shown.</p>\n"
        }
        html += timeline.svg()
        html += "<table><tr><th>From</th><th>To</th><th>Serving</th><th>Commit</th></tr>\n"
        for segment in timeline.segments.reversed() {
            let from = segment.start.map(StatusPage.time) ?? "before"
            let to = segment.isCurrent ? "now" : StatusPage.time(segment.end)
            let commit = segment.commit.map { "<code>\(StatusPage.escape(String($0.prefix(12))))</code> " } ?? ""
            html += "<tr><td>\(StatusPage.escape(from))</td><td>\(StatusPage.escape(to))</td>"
            html += "<td>\(StatusPage.escape(segment.state.summary))</td>"
            html += "<td>\(commit)\(StatusPage.escape(segment.subject ?? ""))</td></tr>\n"
        }
        return html + "</table>\n"
    }
}
