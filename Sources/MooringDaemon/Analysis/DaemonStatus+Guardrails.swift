import Analysis
import Foundation
import Manifests
import Sync

extension DaemonStatus {
    /// Records a pass of the live guardrails over `target`'s models: each model's analysis and monitor results, and
    /// the events raised.
    func recordGuardrails(
        _ state: [String: ModelGuardrails],
        models: [ModelSummary],
        target: String,
        events raised: [SyncEvent]
    ) {
        var views: [String: StatusDocument.Guardrails] = [:]
        for model in models {
            guard let guardrails = state[model.qualifiedName] else { continue }
            var analysis: StatusDocument.Analysis?
            if let canary = guardrails.canary, let spec = model.analysis {
                analysis = StatusDocument.Analysis(canary, analysis: spec)
            }
            let monitors = StatusDocument.Check.latest(guardrails.monitors?.checks ?? [], of: model.monitors)
            views[model.qualifiedName] = StatusDocument.Guardrails(analysis: analysis, monitors: monitors)
        }
        guardrails[target] = views
        if let index = targets.firstIndex(where: { $0.name == target }) {
            targets[index].models = targets[index].models.map { $0.with(views) }
        }
        let now = Date()
        let new = raised.map {
            StatusDocument.Event(
                time: now,
                target: target,
                event: $0.name.rawValue,
                severity: $0.severity.rawValue,
                message: $0.message
            )
        }
        events = Array((new.reversed() + events).prefix(Self.eventLimit))
    }
}
