import Analysis
import Manifests
import Sync

extension SyncEvent {
    /// A guardrail's conclusion about `model` on `target` as an event: logged, alerted and shown like a sync's.
    init(_ event: GuardrailEvent, model: ModelSummary, version: String, target: String) {
        let severity: SyncEvent.Severity =
            switch event.name {
            case .canaryAborted: .error
            case .analysisUnavailable, .modelDegraded: .warning
            case .canaryPassed, .modelRecovered: .info
            }
        let details = Details(
            target: target,
            model: model.name,
            namespace: model.namespace,
            version: version,
            check: event.check,
            value: event.value.map(CheckProgress.format),
            bound: event.bound
        )
        self.init(
            Name(stringLiteral: event.name.rawValue),
            severity,
            "\(model.qualifiedName): \(event.message)",
            details: details
        )
    }
}
