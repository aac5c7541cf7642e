// Folder Sync/Guardrails: aborted canaries held out of traffic — the rule, the analysis ConfigMap, the holds stage.

import Manifests
import MooringCore

/// The holds stage's pure rule, the same for a sync, a dry run and a preview: which aborted canaries (``CanaryHold``)
/// apply to a desired state, and the desired state with each of them out of traffic, as its abort left it — an
/// InferenceService's `canaryTrafficPercent` 0 (the last rolled-out revision serves everything), or for
/// `target: deployment` the canary Deployment at 0 replicas and the stable one with all of them. A hold applies while
/// the model's ModelDeployment is the one aborted (same fingerprint and canary version); rendered anew from a changed
/// one, the canary serves again as git says. A fallback state (the journal's, without models) is matched by version
/// alone.
struct CanaryHoldRule {
    /// The desired objects.
    var resources: [Resource]
    /// The models they were rendered from (none for a fallback).
    var models: [ModelSummary]
    /// Whether the state is the journal's last applied one rather than a render of git.
    var isFallback: Bool

    /// Whether a canary in this state may be held: a model with a canary and an analysis, or in a fallback state an
    /// object that carries a canary. Only then are the holds read.
    var mayHoldCanaries: Bool {
        if models.contains(where: { $0.canary != nil && !($0.analysis?.checks.isEmpty ?? true) }) { return true }
        return isFallback
            && resources.contains {
                $0.annotations[MooringMetadata.canaryVersionAnnotation] != nil
                    || $0.labels[MooringMetadata.trackLabel] == "canary"
            }
    }

    /// The holds of `holds` that apply to this state.
    func applying(_ holds: [CanaryHold]) -> [CanaryHold] {
        holds.filter { hold in
            guard !isFallback else { return true }
            return models.contains(where: hold.applies(to:))
        }
    }

    /// The desired objects with every hold of `holds` that applies out of traffic.
    func holding(_ holds: [CanaryHold]) -> [Resource] {
        let applying = applying(holds)
        guard !applying.isEmpty else { return resources }
        return resources.map { resource in
            guard let hold = applying.first(where: { $0.namespace == resource.namespace && $0.holds(resource) })
            else { return resource }
            return hold.outOfTraffic(resource, among: resources)
        }
    }
}

extension CanaryHold {
    /// Whether this hold applies to `model` as rendered: its canary is the one aborted, of the ModelDeployment aborted.
    func applies(to model: ModelSummary) -> Bool {
        model.namespace == namespace && model.name == self.model && model.canary?.version == version
            && model.guardrailFingerprint == fingerprint
    }

    /// Whether `resource` is one of the held model's objects that carries the canary's traffic.
    fileprivate func holds(_ resource: Resource) -> Bool {
        switch (resource.apiVersion, resource.kind) {
        case ("serving.kserve.io/v1beta1", "InferenceService"):
            return resource.name == model
                && resource.annotations[MooringMetadata.canaryVersionAnnotation] == version
        case ("apps/v1", "Deployment"):
            return resource.name == model || (resource.name == "\(model)-canary" && isCanary(resource))
        default:
            return false
        }
    }

    private func isCanary(_ resource: Resource) -> Bool {
        resource.labels[ObjectLabels.version] == version && resource.labels[MooringMetadata.trackLabel] == "canary"
    }

    /// The object with the canary out of traffic; the stable Deployment takes the canary's replicas.
    fileprivate func outOfTraffic(_ resource: Resource, among resources: [Resource]) -> Resource {
        var object = resource.object
        if resource.kind == "InferenceService" {
            object["spec"]?["predictor"]?["canaryTrafficPercent"] = .int(0)
        } else if resource.name == "\(model)-canary" {
            object["spec"]?["replicas"] = .int(0)
        } else {
            let canary = resources.first { $0.namespace == namespace && $0.name == "\(model)-canary" && holds($0) }
            guard let canaryReplicas = canary?.object["spec"]?["replicas"]?.intValue, canaryReplicas > 0 else {
                return resource
            }
            let stable = object["spec"]?["replicas"]?.intValue ?? 0
            object["spec"]?["replicas"] = .int(stable + canaryReplicas)
        }
        return Resource(object: object, origin: resource.origin)
    }
}
