import MooringCore

extension APIServer {
    func allObjects() -> [JSONValue] {
        objects.keys.sorted().compactMap { objects[$0] }
    }

    func object(_ identity: ObjectIdentity) -> JSONValue? {
        guard let type = catalog.types.first(where: { $0.group == identity.group && $0.kind == identity.kind }) else {
            return nil
        }
        return objects[StoreKey(type, namespace: identity.namespace, name: identity.name)]
    }

    func cancelControllers() {
        for task in pendingReadiness.values { task.cancel() }
        pendingReadiness.removeAll()
        compaction?.cancel()
        compaction = nil
    }
}
