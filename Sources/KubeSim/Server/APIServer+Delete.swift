import MooringCore

extension APIServer {
    func deleteRequest(_ request: APIRequest, target: Target, name: String) throws -> APIResponse {
        guard target.subresource == nil else { throw StatusError.methodNotAllowed() }
        let object = try existing(target, name: name)
        let options = request.body.isEmpty ? JSONValue.object([:]) : ((try? JSONValue.parse(request.body)) ?? [:])
        if let uid = options["preconditions"]?["uid"]?.stringValue, uid != object["metadata"]?["uid"]?.stringValue {
            throw StatusError.conflict(
                target.type,
                name: name,
                message:
                    "Precondition failed: UID in precondition: \(uid), UID in object meta: \(object["metadata"]?["uid"]?.stringValue ?? "")"
            )
        }
        let dryRun = request.isDryRun || options["dryRun"]?.arrayValue?.contains("All") == true
        let key = StoreKey(target.type, namespace: target.namespace, name: name)
        if target.type.group.isEmpty, target.type.plural == "namespaces" {
            return .json(try beginNamespaceDeletion(key, object: object, dryRun: dryRun))
        }
        if !dryRun { remove(key) }
        if target.type.group.isEmpty, target.type.plural == "services" { return .json(object) }
        return .json(Self.deletedStatus(object, type: target.type))
    }

    func deleteCollection(_ request: APIRequest, target: Target) throws -> APIResponse {
        let items = try matching(request, target: target)
        if !request.isDryRun {
            for item in items {
                remove(
                    StoreKey(
                        target.type,
                        namespace: item["metadata"]?["namespace"]?.stringValue,
                        name: item["metadata"]?["name"]?.stringValue ?? ""
                    )
                )
            }
        }
        return .json([
            "kind": .string(target.type.listKind), "apiVersion": .string(target.type.apiVersion),
            "metadata": ["resourceVersion": .string(String(resourceVersion))], "items": .array(items),
        ])
    }

    /// The `Status` a real server answers for an object deleted at once.
    static func deletedStatus(_ object: JSONValue, type: ResourceType) -> JSONValue {
        var details: JSONValue = [
            "name": object["metadata"]?["name"] ?? "", "kind": .string(type.plural),
            "uid": object["metadata"]?["uid"] ?? "",
        ]
        if !type.group.isEmpty { details["group"] = .string(type.group) }
        return ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": details]
    }

    /// Removes an object at once and tells watchers.
    func remove(_ key: StoreKey) {
        guard var object = objects.removeValue(forKey: key) else { return }
        resourceVersion += 1
        object["metadata"]?["resourceVersion"] = .string(String(resourceVersion))
        pendingReadiness.removeValue(forKey: key)?.cancel()
        record("DELETED", object: object, key: key)
        if key.group == "apiextensions.k8s.io", key.plural == "customresourcedefinitions" {
            crdDeleted(object)
        }
    }

    /// Marks a namespace Terminating, then removes its contents and itself shortly after, as the namespace controller does.
    private func beginNamespaceDeletion(_ key: StoreKey, object: JSONValue, dryRun: Bool) throws -> JSONValue {
        var terminating = object
        if terminating["metadata"]?["deletionTimestamp"] == nil {
            terminating["metadata"]?["deletionTimestamp"] = .string(Self.timestamp())
            terminating["metadata"]?["deletionGracePeriodSeconds"] = 0
        }
        terminating["status"] = ["phase": "Terminating"]
        guard !dryRun else { return terminating }
        if terminating != object {
            resourceVersion += 1
            terminating["metadata"]?["resourceVersion"] = .string(String(resourceVersion))
            objects[key] = terminating
            record("MODIFIED", object: terminating, key: key)
        }
        let delay = options.namespaceTerminationDelay
        Task { [weak self] in
            try? await Task.sleep(for: delay)
            await self?.finishNamespaceDeletion(key)
        }
        return terminating
    }

    private func finishNamespaceDeletion(_ key: StoreKey) {
        for contained in objects.keys.sorted() where contained.namespace == key.name {
            remove(contained)
        }
        remove(key)
    }
}
