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

    /// A list as a v1.32 server answers it: the current state (resourceVersion unset, "0" or not older than N);
    /// the state at N (`resourceVersionMatch=Exact`, or N with a `limit`); pages of `limit` items, each `continue`
    /// served at the first page's revision, with 410 Expired once that revision is compacted.
    func list(_ request: APIRequest, target: Target, options: ListOptions) throws -> APIResponse {
        let page = try listPage(target, selectors: try Selectors(request), options: options)
        let listVersion = String(page.revision)
        var metadata: JSONValue = ["resourceVersion": .string(listVersion)]
        if let token = page.continueToken { metadata["continue"] = .string(token) }
        if let remaining = page.remainingItemCount { metadata["remainingItemCount"] = .int(remaining) }
        if request.accept.contains("as=Table") {
            return .json(table(page.items, type: target.type, listVersion: listVersion))
        }
        let listed = page.items.map { item -> JSONValue in
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

    private func listPage(_ target: Target, selectors: Selectors, options: ListOptions) throws -> ListPage {
        guard options.continueToken.isEmpty else {
            guard options.resourceVersion.isEmpty else {
                throw StatusError.badRequest("specifying resource version is not allowed when using continue")
            }
            let token = try ContinueToken(decoding: options.continueToken)
            guard token.revision == -1 || token.revision >= compactedRevision else {
                let latest = ContinueToken(revision: -1, start: token.start)
                throw StatusError.continueExpired(inconsistentContinue: latest.encoded)
            }
            let revision = token.revision == -1 ? resourceVersion : token.revision
            return page(target, selectors: selectors, at: revision, from: token.start, limit: options.limit)
        }
        if options.revision > resourceVersion { throw StatusError.tooLarge(options.revision, current: resourceVersion) }
        let exact =
            options.resourceVersionMatch == "Exact"
            || (options.resourceVersionMatch.isEmpty && options.limit > 0 && options.revision > 0)
        if exact, options.revision < compactedRevision {
            throw StatusError.gone("The resourceVersion for the provided list is too old.")
        }
        // resourceVersion "0" is served from the watch cache, which does not page.
        let limit = options.resourceVersion == "0" ? 0 : options.limit
        return page(
            target,
            selectors: selectors,
            at: exact ? options.revision : resourceVersion,
            from: "",
            limit: limit
        )
    }

    /// Up to `limit` (0: all) objects of the collection at `revision` that match, from key `start` on, in etcd's
    /// key order.
    private func page(
        _ target: Target,
        selectors: Selectors,
        at revision: Int,
        from start: String,
        limit: Int
    ) -> ListPage {
        let store = revision == resourceVersion ? objects : objects(at: revision)
        let keys = scopedKeys(target, in: store)
        var index =
            start.isEmpty
            ? 0 : (keys.firstIndex { $0.path >= start } ?? keys.count)
        var items: [JSONValue] = []
        while index < keys.count, limit == 0 || items.count < limit {
            if let object = store[keys[index].key], selectors.match(object) { items.append(object) }
            index += 1
        }
        guard limit > 0, index < keys.count else { return ListPage(items: items, revision: revision) }
        return ListPage(
            items: items,
            revision: revision,
            continueToken: ContinueToken(revision: revision, start: keys[index - 1].path + "\u{0}").encoded,
            remainingItemCount: selectors.isEmpty ? keys.count - index : nil
        )
    }

    /// The store as it was at `revision` (not older than the compacted revision): the recorded changes after it
    /// undone.
    private func objects(at revision: Int) -> [StoreKey: JSONValue] {
        var store = objects
        for event in history.reversed() where event.resourceVersion > revision {
            store[event.key] = event.previous
        }
        return store
    }

    /// The keys of a collection within the request's namespace, with their etcd key relative to the collection's
    /// scope (`namespace/name` across namespaces, else `name`), in that key's order (names are ASCII, so the
    /// strings' order is etcd's byte order).
    private func scopedKeys(_ target: Target, in store: [StoreKey: JSONValue]) -> [(path: String, key: StoreKey)] {
        store.keys.compactMap { key -> (path: String, key: StoreKey)? in
            guard key.group == target.type.group, key.plural == target.type.plural else { return nil }
            if let namespace = target.namespace {
                return key.namespace == namespace ? (key.name, key) : nil
            }
            return (key.namespace.map { "\($0)/\(key.name)" } ?? key.name, key)
        }
        .sorted { $0.path < $1.path }
    }

    /// The current objects of a collection that match the request's namespace and selectors, in etcd's key order.
    func matching(_ selectors: Selectors, target: Target, in store: [StoreKey: JSONValue]) -> [JSONValue] {
        scopedKeys(target, in: store).compactMap { store[$0.key] }.filter(selectors.match)
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
