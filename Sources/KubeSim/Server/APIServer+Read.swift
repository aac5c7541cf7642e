import MooringCore

extension APIServer {
    func get(_ request: APIRequest, target: Target, name: String) throws -> APIResponse {
        let object = try existing(target, name: name)
        if target.subresource == "scale" { return .json(scale(of: object, type: target.type)) }
        if request.accept.contains("as=Table") {
            return .json(table([object], type: target.type, listVersion: nil))
        }
        return .json(object)
    }

    /// The stored object, or NotFound.
    func existing(_ target: Target, name: String) throws(StatusError) -> JSONValue {
        guard let object = objects[StoreKey(target.type, namespace: target.namespace, name: name)] else {
            throw StatusError.notFound(target.type, name: name)
        }
        return object
    }

    func list(_ request: APIRequest, target: Target) throws -> APIResponse {
        var items = try matching(request, target: target)
        let listVersion = String(resourceVersion)
        var metadata: JSONValue = ["resourceVersion": .string(listVersion)]
        if let limit = request.query["limit"].flatMap(Int.init), limit > 0 {
            let start = request.query["continue"].flatMap(Int.init) ?? 0
            let end = min(items.count, start + limit)
            if end < items.count {
                metadata["continue"] = .string(String(end))
                metadata["remainingItemCount"] = .int(items.count - end)
            }
            items = start < items.count ? Array(items[start..<end]) : []
        }
        if request.accept.contains("as=Table") {
            return .json(table(items, type: target.type, listVersion: listVersion))
        }
        let listed = items.map { item -> JSONValue in
            guard !target.type.isCustom else { return item }
            var item = item
            item["apiVersion"] = nil
            item["kind"] = nil
            return item
        }
        return .json([
            "kind": .string(target.type.listKind), "apiVersion": .string(target.type.apiVersion),
            "metadata": metadata, "items": .array(listed),
        ])
    }

    /// The objects of a collection that match the request's namespace and selectors, ordered by namespace and name.
    func matching(_ request: APIRequest, target: Target) throws -> [JSONValue] {
        let labels = try request.query["labelSelector"].map { text throws(StatusError) in
            try LabelSelector(parsing: text)
        }
        let fields = try request.query["fieldSelector"].map { text throws(StatusError) in
            try LabelSelector(parsing: text)
        }
        return objects.keys.sorted().compactMap { key -> JSONValue? in
            guard key.group == target.type.group, key.plural == target.type.plural else { return nil }
            if let namespace = target.namespace, key.namespace != namespace { return nil }
            guard let object = objects[key] else { return nil }
            if let labels, !labels.matches(LabelSelector.labels(of: object)) { return nil }
            if let fields, !fields.matches(LabelSelector.fields(of: object)) { return nil }
            return object
        }
    }

    /// The `autoscaling/v1` Scale of a Deployment.
    func scale(of object: JSONValue, type: ResourceType) -> JSONValue {
        let metadata = object["metadata"] ?? [:]
        var scaleMetadata: JSONValue = [:]
        for key in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            scaleMetadata[key] = metadata[key]
        }
        let selector = (object["spec"]?["selector"]?["matchLabels"]?.objectValue ?? [:])
            .sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.stringValue ?? "")" }
            .joined(separator: ",")
        return [
            "kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": scaleMetadata,
            "spec": ["replicas": object["spec"]?["replicas"] ?? 0],
            "status": ["replicas": object["status"]?["replicas"] ?? 0, "selector": .string(selector)],
        ]
    }
}
