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
        if !Self.finalizers(of: object).isEmpty {
            return .json(dryRun ? Self.deleting(object) : markDeleting(key, object: object))
        }
        if !dryRun { remove(key) }
        if target.type.group.isEmpty, target.type.plural == "services" { return .json(object) }
        return .json(Self.deletedStatus(object, type: target.type))
    }

    func deleteCollection(_ request: APIRequest, target: Target) throws -> APIResponse {
        let items = matching(try Selectors(request), target: target, in: objects)
        if !request.isDryRun {
            for item in items {
                let key = StoreKey(
                    target.type,
                    namespace: item["metadata"]?["namespace"]?.stringValue,
                    name: item["metadata"]?["name"]?.stringValue ?? ""
                )
                if Self.finalizers(of: item).isEmpty { remove(key) } else { markDeleting(key, object: item) }
            }
        }
        return .json([
            "kind": .string(target.type.listKind), "apiVersion": .string(target.type.apiVersion),
            "metadata": ["resourceVersion": .string(String(resourceVersion))], "items": .array(items),
        ])
    }

    static func finalizers(of object: JSONValue) -> [JSONValue] {
        object["metadata"]?["finalizers"]?.arrayValue ?? []
    }

    /// An object whose deletion waits for its finalizers: `deletionTimestamp` set (once), grace period 0.
    private static func deleting(_ object: JSONValue) -> JSONValue {
        var deleting = object
        if deleting["metadata"]?["deletionTimestamp"] == nil {
            deleting["metadata"]?["deletionTimestamp"] = .string(timestamp())
            deleting["metadata"]?["deletionGracePeriodSeconds"] = 0
        }
        return deleting
    }

    /// Starts the deletion of an object with finalizers, as the real store does: a MODIFIED with
    /// `deletionTimestamp`; the object goes once an update empties its finalizers.
    @discardableResult
    private func markDeleting(_ key: StoreKey, object: JSONValue) -> JSONValue {
        let deleting = Self.deleting(object)
        guard deleting != object else { return object }
        return store(deleting, key: key, previous: object)
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

    /// Removes an object at once and tells watchers; returns its last state with the deletion's resourceVersion.
    @discardableResult
    func remove(_ key: StoreKey) -> JSONValue? {
        guard let stored = objects.removeValue(forKey: key) else { return nil }
        resourceVersion += 1
        var object = stored
        object["metadata"]?["resourceVersion"] = .string(String(resourceVersion))
        pendingReadiness.removeValue(forKey: key)?.cancel()
        record("DELETED", object: object, previous: stored, key: key)
        if key.group == "apiextensions.k8s.io", key.plural == "customresourcedefinitions" {
            crdDeleted(object)
        }
        return object
    }

    /// Marks a namespace Terminating, then removes its contents and itself shortly after, as the namespace controller does.
    private func beginNamespaceDeletion(_ key: StoreKey, object: JSONValue, dryRun: Bool) throws -> JSONValue {
        var terminating = Self.deleting(object)
        terminating["status"] = ["phase": "Terminating"]
        guard !dryRun else { return terminating }
        if terminating != object { terminating = store(terminating, key: key, previous: object) }
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
