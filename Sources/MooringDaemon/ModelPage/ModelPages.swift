import Foundation
import Sync

/// Serves the model pages: a model of `/status` with the records the daemon last rendered and the history read
/// from the journal (at most ``historyBudget`` bytes of it, newest first, across the rotated files).
struct ModelPages: Sendable {
    /// How much of `history.jsonl` (and its rotated files) one page reads at most.
    static let historyBudget = 8 << 20

    let status: DaemonStatus
    /// Where the history is; `nil` draws no timeline.
    let journal: Journal?

    /// `/models/<target>/<namespace>/<name>`, each part percent-encoded.
    static func path(target: String, namespace: String, name: String) -> String {
        "/models/" + [target, namespace, name].map(encode).joined(separator: "/")
    }

    /// The page of a model, from the percent-encoded parts of its path; `nil` when no target serves such a model.
    func page(target: String, namespace: String, name: String, now: Date = Date()) async -> String? {
        guard let target = target.removingPercentEncoding, let namespace = namespace.removingPercentEncoding,
            let name = name.removingPercentEncoding,
            let served = await status.servedModel(target: target, namespace: namespace, name: name)
        else { return nil }
        let history =
            (try? journal?.recentHistory(byteBudget: Self.historyBudget, mentioning: name) { entry in
                entry.target == target && entry.models.contains { $0.model == name && $0.namespace == namespace }
            }) ?? (entries: [], complete: true)
        let timeline = ServingTimeline(
            history: history.entries,
            target: target,
            namespace: namespace,
            name: name,
            now: now,
            complete: history.complete
        )
        return ModelPage.render(
            ModelPage.Content(target: target, model: served.model, summary: served.summary, timeline: timeline)
        )
    }

    private static func encode(_ part: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%")
        return part.addingPercentEncoding(withAllowedCharacters: allowed) ?? part
    }
}
