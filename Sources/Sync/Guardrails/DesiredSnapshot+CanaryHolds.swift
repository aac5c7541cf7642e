import Manifests
import MooringCore

extension DesiredSnapshot {
    /// The desired state with each held canary out of traffic, as its abort left it: an InferenceService's
    /// `canaryTrafficPercent` 0 (the last rolled-out revision serves everything), or for `target: deployment` the
    /// canary Deployment at 0 replicas and the stable one with all of them. A hold applies while the model's
    /// ModelDeployment is the one aborted (same fingerprint and canary version); rendered anew from a changed one, the
    /// canary serves again as git says. A fallback state (the journal's, without models) is matched by version alone.
    func holding(_ holds: [CanaryHold]) -> DesiredSnapshot {
        let applying = holds.filter { hold in
            guard !isFallback else { return true }
            return models.contains { model in
                model.namespace == hold.namespace && model.name == hold.model && model.canary?.version == hold.version
                    && model.guardrailFingerprint == hold.fingerprint
            }
        }
        guard !applying.isEmpty else { return self }
        var held = self
        held.resources = resources.map { resource in
            guard let hold = applying.first(where: { $0.namespace == resource.namespace && $0.holds(resource) })
            else { return resource }
            return hold.outOfTraffic(resource, among: resources)
        }
        return held
    }

    /// Whether a canary in this state may be held: a model with a canary and an analysis, or in a fallback state
    /// (the journal's, without models) an object that carries a canary.
    var mayHoldCanaries: Bool {
        if models.contains(where: { $0.canary != nil && !($0.analysis?.checks.isEmpty ?? true) }) { return true }
        return isFallback
            && resources.contains {
                $0.annotations[MooringMetadata.canaryVersionAnnotation] != nil
                    || $0.labels[MooringMetadata.trackLabel] == "canary"
            }
    }
}

extension CanaryHold {
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
