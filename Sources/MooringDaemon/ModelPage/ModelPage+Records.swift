import Manifests
import MooringCore

extension ModelPage {
    /// The records of the versions serving now (stable, then the canary): what an audit needs to trace each one
    /// back to its artifact, data, code and evaluation, with the metrics against the model's gates.
    static func records(of model: StatusDocument.Model, summary: ModelSummary?) -> String {
        var html = "<h2>Serving versions</h2>\n"
        let serving: [(version: String, role: String)] =
            [(model.stable, "stable")] + (model.canary.map { [($0, "canary")] } ?? [])
        for (version, role) in serving {
            html += "<h3>Version \(StatusPage.escape(version)) (\(role))</h3>\n"
            guard let record = summary?.versions.first(where: { $0.version == version }) else {
                html += "<p class=\"muted\">Its record is not in the journal yet: it is kept at the next sync that "
                html += "applies or renders this target's commit.</p>\n"
                continue
            }
            html += details(record)
            html += metrics(record, gates: summary?.gates ?? [])
        }
        return html
    }

    private static func details(_ record: ModelVersion) -> String {
        var html = "<table>\n"
        let digest = record.artifact.digest ?? "none (\(record.artifact.noDigest ?? "no reason given"))"
        html += StatusPage.row("Artifact", "<code>\(StatusPage.escape(record.artifact.uri))</code>")
        html += StatusPage.row("Digest", "<code>\(StatusPage.escape(digest))</code>")
        if let code = record.code {
            html += StatusPage.row(
                "Code",
                "<code>\(StatusPage.escape(code.repo))</code> at <code>\(StatusPage.escape(code.commit))</code>"
            )
        }
        for dataset in record.data {
            html += StatusPage.row(
                "Data (\(StatusPage.escape(dataset.role)))",
                "\(StatusPage.escape(dataset.name)) <code>\(StatusPage.escape(dataset.digest))</code>"
            )
        }
        if !record.hyperparameters.isEmpty {
            let values = record.hyperparameters.keys.sorted().map { key in
                "<code>\(StatusPage.escape(key))=\(StatusPage.escape(record.hyperparameters[key]?.serialized() ?? ""))</code>"
            }
            html += StatusPage.row("Hyperparameters", values.joined(separator: " "))
        }
        html += StatusPage.row("Record", "<code>\(StatusPage.escape(record.name))</code>")
        return html + "</table>\n"
    }

    /// The evaluation metrics, each beside the gates on it (a served version cleared them all).
    private static func metrics(_ record: ModelVersion, gates: [Gate]) -> String {
        let names = Set(record.metrics.keys).union(gates.map(\.metric)).sorted()
        guard !names.isEmpty else { return "" }
        var html = "<table><tr><th>Metric</th><th>Recorded</th><th>Gate</th></tr>\n"
        for name in names {
            let value = record.metrics[name].map { "\($0)" } ?? "not recorded"
            let bounds = gates.filter { $0.metric == name }.flatMap(\.bounds)
            html += "<tr><td>\(StatusPage.escape(name))</td><td>\(StatusPage.escape(value))</td>"
            html += "<td>\(StatusPage.escape(bounds.isEmpty ? "–" : bounds.joined(separator: ", ")))</td></tr>\n"
        }
        return html + "</table>\n"
    }
}
