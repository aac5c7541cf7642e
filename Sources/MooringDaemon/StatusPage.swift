import Foundation

/// The status page at `GET /`: one self-contained HTML document (no scripts, no external assets) that refreshes
/// itself every few seconds. Every text from git or the cluster is HTML-escaped, so a commit subject such as
/// `<script>` is shown, never run. It shows what `/status` holds, which carries no secrets.
enum StatusPage {
    /// Seconds between refreshes.
    static let refreshSeconds = 10

    static func render(_ status: StatusDocument) -> String {
        var html = head(title: "Mooring")
        html += """
            <h1>Mooring \(escape(status.version))</h1>
            <p class="\(status.ready ? "ok" : "bad")">\(readiness(of: status))</p>
            <p class="muted">\(escape(activity(of: status)))</p>

            """
        for target in status.targets { html += section(target) }
        html += events(status.events)
        html += "</body></html>\n"
        return html
    }

    /// The start of a page of the status server, up to `<body>`: its title (escaped here), the refresh and the style.
    static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="refresh" content="\(refreshSeconds)">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}
        h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}h3{font-size:1em;margin-top:1.5em}
        table{border-collapse:collapse;width:100%}
        th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #ddd;vertical-align:top}
        code{font-size:.92em;overflow-wrap:anywhere}.ok{color:#176f2c}.warn{color:#8a5a00}.bad{color:#b00020}
        .muted{color:#666}
        </style></head><body>

        """
    }

    private static func readiness(of status: StatusDocument) -> String {
        status.ready ? "Ready" : "Not ready: " + escape(status.readiness)
    }

    private static func activity(of status: StatusDocument) -> String {
        if status.syncing { return "Syncing now." }
        guard let next = status.nextSyncAt else { return "Started \(time(status.startedAt))." }
        return "Next sync at \(time(next)) (or on a push webhook)."
    }

    private static func section(_ target: StatusDocument.Target) -> String {
        var html = "<h2>Target \(escape(target.name))</h2>\n<table>\n"
        let outcome = target.outcome ?? "not synced yet"
        html += row("Outcome", "<span class=\"\(outcomeClass(target.outcome))\">\(escape(outcome))</span>")
        if let at = target.lastSyncAt {
            let took = target.durationSeconds.map { String(format: " (%.1f s)", $0) } ?? ""
            html += row("Last sync", escape(time(at) + took))
        }
        if let retry = target.retryAfter { html += row("Retry after", escape(time(retry))) }
        if let refused = target.refusedCommit { html += row("Refused commit", commit(refused)) }
        if let serving = target.commit {
            html += row(target.refusedCommit == nil ? "Commit" : "Still serving", commit(serving))
        }
        if let applied = target.lastAppliedCommit, applied != target.commit?.id {
            html += row("Last applied", "<code>\(escape(String(applied.prefix(12))))</code>")
        }
        if let cache = target.liveCache { html += row("Live cache", escape(cache.summary(time: time))) }
        html += "</table>\n"
        html += models(target.models, target: target.name)
        html += drift(target.drift)
        return html
    }

    /// A commit's short id, subject and author.
    private static func commit(_ commit: StatusDocument.Commit) -> String {
        var text = "<code>\(escape(String(commit.id.prefix(12))))</code>"
        if let subject = commit.subject { text += " " + escape(subject) }
        if let author = commit.author { text += " <span class=\"muted\">by \(escape(author))</span>" }
        return text
    }

    /// The models of a target, each linked to its model page.
    private static func models(_ models: [StatusDocument.Model], target: String) -> String {
        guard !models.isEmpty else { return "<p class=\"muted\">No models.</p>\n" }
        var html = "<table><tr><th>Model</th><th>Namespace</th><th>Stable</th><th>Canary</th></tr>\n"
        for model in models {
            let canary = model.canaryServing ?? "–"
            let page = ModelPages.path(target: target, namespace: model.namespace, name: model.name)
            html +=
                "<tr><td><a href=\"\(escape(page))\">\(escape(model.name))</a></td><td>\(escape(model.namespace))</td>"
            html += "<td>\(escape(model.stable))</td><td>\(escape(canary))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private static func drift(_ drift: [StatusDocument.Drift]) -> String {
        guard !drift.isEmpty else { return "<p class=\"ok\">No drift.</p>\n" }
        var html = "<table><tr><th>Drifted object (alert only)</th><th>Fields</th><th>Changed by</th></tr>\n"
        for object in drift {
            html += "<tr class=\"warn\"><td>\(escape(object.object))</td>"
            html += "<td>\(escape(object.fields.joined(separator: ", ")))</td>"
            html += "<td>\(escape(object.managers.joined(separator: ", ")))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private static func events(_ events: [StatusDocument.Event]) -> String {
        var html = "<h2>Recent events</h2>\n"
        guard !events.isEmpty else { return html + "<p class=\"muted\">None yet.</p>\n" }
        html += "<table><tr><th>Time</th><th>Target</th><th>Event</th><th>Message</th></tr>\n"
        for event in events {
            let level = event.severity == "error" ? "bad" : event.severity == "warning" ? "warn" : ""
            html += "<tr class=\"\(level)\"><td>\(escape(time(event.time)))</td>"
            html += "<td>\(escape(event.target ?? "–"))</td>"
            html += "<td><code>\(escape(event.event))</code></td><td>\(escape(event.message))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    /// A table row: a heading and cells already in HTML.
    static func row(_ name: String, _ html: String) -> String {
        "<tr><th>\(name)</th><td>\(html)</td></tr>\n"
    }

    private static func outcomeClass(_ outcome: String?) -> String {
        switch outcome {
        case "in-sync", "applied": "ok"
        case "drifted", "waiting", "degraded": "warn"
        case "refused", "failed": "bad"
        default: "muted"
        }
    }

    static func time(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` as character references: safe in element content and in quoted
    /// attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
