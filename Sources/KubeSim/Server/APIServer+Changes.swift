import MooringCore

extension APIServer {
    /// Reacts to a stored change as the cluster's controllers would: CRDs become served,
    /// Deployments and InferenceServices roll out.
    func didChange(_ object: JSONValue, old: JSONValue?, key: StoreKey, type: ResourceType) {
        if key.group == "apiextensions.k8s.io", key.plural == "customresourcedefinitions" {
            let defined = CustomResourceDefinitions.types(of: object)
            if let group = object["spec"]?["group"]?.stringValue,
                let plural = object["spec"]?["names"]?["plural"]?.stringValue
            {
                catalog.define(defined, replacingGroup: group, plural: plural)
            }
            return
        }
        let generation = object["metadata"]?["generation"]?.intValue ?? 0
        let observed = object["status"]?["observedGeneration"]?.intValue ?? 0
        guard generation != observed else { return }
        if (key.group == "apps" && key.plural == "deployments")
            || (key.group == "serving.kserve.io" && key.plural == "inferenceservices")
        {
            startRollout(key, type: type)
        }
    }

    func crdDeleted(_ object: JSONValue) {
        guard let group = object["spec"]?["group"]?.stringValue,
            let plural = object["spec"]?["names"]?["plural"]?.stringValue
        else {
            return
        }
        catalog.remove(group: group, plural: plural)
        for key in objects.keys.sorted() where key.group == group && key.plural == plural {
            remove(key)
        }
    }

    private func identity(_ key: StoreKey, type: ResourceType) -> ObjectIdentity {
        ObjectIdentity(group: key.group, kind: type.kind, namespace: key.namespace, name: key.name)
    }

    /// Marks the rollout in progress now and, unless the object is held back, finished after the ready delay.
    private func startRollout(_ key: StoreKey, type: ResourceType) {
        writeControllerStatus(key, type: type, ready: false)
        pendingReadiness.removeValue(forKey: key)?.cancel()
        guard !neverReady.contains(identity(key, type: type)) else { return }
        let delay = options.readyDelay
        pendingReadiness[key] = Task { [weak self] in
            try? await Task.sleep(for: delay)
            guard !Task.isCancelled else { return }
            await self?.finishRollout(key, type: type)
        }
    }

    private func finishRollout(_ key: StoreKey, type: ResourceType) {
        pendingReadiness[key] = nil
        guard !neverReady.contains(identity(key, type: type)) else { return }
        writeControllerStatus(key, type: type, ready: true)
    }

    /// Holds an object back from ever becoming ready (or releases it).
    func setNeverReady(_ identity: ObjectIdentity, _ held: Bool) {
        if held {
            neverReady.insert(identity)
            for (key, task) in pendingReadiness
            where key.group == identity.group && key.name == identity.name && key.namespace == identity.namespace {
                task.cancel()
                pendingReadiness[key] = nil
            }
        } else {
            neverReady.remove(identity)
            for key in objects.keys
            where key.group == identity.group && key.name == identity.name && key.namespace == identity.namespace {
                guard let type = catalog.types.first(where: { $0.group == key.group && $0.plural == key.plural }) else {
                    continue
                }
                startRollout(key, type: type)
            }
        }
    }

    private func writeControllerStatus(_ key: StoreKey, type: ResourceType, ready: Bool) {
        guard let old = objects[key] else { return }
        let status =
            type.group == "apps"
            ? SimulatedController.deploymentStatus(old, ready: ready, now: Self.timestamp())
            : SimulatedController.inferenceServiceStatus(old, ready: ready, now: Self.timestamp())
        var new = old
        new["status"] = status
        let manager = type.group == "apps" ? "kube-controller-manager" : "manager"
        let subresource: String? = type.subresources.contains("status") ? "status" : nil
        _ = try? update(old: old, new: new, type: type, subresource: subresource, manager: manager, dryRun: false)
    }
}
