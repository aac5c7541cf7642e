public import MooringCore

extension Readiness {
    /// The readiness of a live object, read from its status.
    ///
    /// A Deployment is rolled out when the controller has observed its latest generation
    /// (`status.observedGeneration ≥ metadata.generation`), all replicas are updated and available and none
    /// of an older revision remain, and its Progressing condition does not say `ProgressDeadlineExceeded`
    /// (that is ``State/failed``). An InferenceService is ready when its Ready condition is True for the
    /// latest generation. A CustomResourceDefinition is ready once Established. Objects of other kinds are
    /// ready when they exist.
    public init(of object: JSONValue) {
        let resource = Resource(object: object)
        switch (resource.identity.group, resource.kind) {
        case ("apps", "Deployment"): self = Self.deployment(object, identity: resource.identity)
        case ("serving.kserve.io", "InferenceService"):
            self = Self.inferenceService(object, identity: resource.identity)
        case ("apiextensions.k8s.io", "CustomResourceDefinition"):
            let established =
                Self.condition("Established", in: object["status"] ?? [:])?["status"]?.stringValue == "True"
            self.init(
                object: resource.identity,
                state: established ? .ready : .progressing,
                reason: established ? "" : "the CustomResourceDefinition is not Established yet"
            )
        default: self.init(object: resource.identity, state: .ready)
        }
    }

    private static func deployment(_ object: JSONValue, identity: ObjectIdentity) -> Readiness {
        let status = object["status"] ?? [:]
        if let pending = pendingGeneration(object) {
            return Readiness(object: identity, state: .progressing, reason: pending)
        }
        if let progressing = condition("Progressing", in: status),
            progressing["reason"]?.stringValue == "ProgressDeadlineExceeded"
        {
            let message = progressing["message"]?.stringValue ?? "the progress deadline passed"
            return Readiness(object: identity, state: .failed, reason: message)
        }
        let wanted = object["spec"]?["replicas"]?.intValue ?? 1
        let total = status["replicas"]?.intValue ?? 0
        let updated = status["updatedReplicas"]?.intValue ?? 0
        let available = status["availableReplicas"]?.intValue ?? 0
        if updated < wanted {
            return Readiness(
                object: identity,
                state: .progressing,
                reason: "\(updated) of \(wanted) replicas are updated"
            )
        }
        if total > updated {
            return Readiness(
                object: identity,
                state: .progressing,
                reason: "\(total - updated) replicas of an older revision are still terminating"
            )
        }
        if available < updated {
            return Readiness(
                object: identity,
                state: .progressing,
                reason: "\(available) of \(updated) updated replicas are available"
            )
        }
        return Readiness(object: identity, state: .ready)
    }

    private static func inferenceService(_ object: JSONValue, identity: ObjectIdentity) -> Readiness {
        if let pending = pendingGeneration(object) {
            return Readiness(object: identity, state: .progressing, reason: pending)
        }
        guard let ready = condition("Ready", in: object["status"] ?? [:]) else {
            return Readiness(object: identity, state: .progressing, reason: "no Ready condition yet")
        }
        if ready["status"]?.stringValue == "True" { return Readiness(object: identity, state: .ready) }
        let why = [ready["reason"]?.stringValue, ready["message"]?.stringValue].compactMap { $0 }.joined(
            separator: ": "
        )
        return Readiness(
            object: identity,
            state: .progressing,
            reason: why.isEmpty ? "Ready is not True" : "Ready is not True: \(why)"
        )
    }

    /// Why the controller has not caught up with the latest spec yet, or `nil` when it has.
    private static func pendingGeneration(_ object: JSONValue) -> String? {
        guard let generation = object["metadata"]?["generation"]?.intValue else { return nil }
        let observed = object["status"]?["observedGeneration"]?.intValue ?? 0
        guard observed < generation else { return nil }
        return "waiting for the controller to observe generation \(generation) (it has seen \(observed))"
    }

    private static func condition(_ type: String, in status: JSONValue) -> JSONValue? {
        status["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }
}
