import MooringCore

extension APIServer {
    /// Server-side apply (`application/apply-patch+yaml`): create if absent, merge by field ownership,
    /// report conflicts with other managers unless forced, remove fields the applier gave up.
    func applyRequest(_ request: APIRequest, target: Target, name: String) throws -> APIResponse {
        guard let manager = request.query["fieldManager"], !manager.isEmpty else {
            throw StatusError.badRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set")
        }
        if target.subresource == "scale" { throw StatusError.methodNotAllowed() }
        var config: JSONValue
        let text = String(decoding: request.body, as: UTF8.self)
        do {
            guard let document = try YAMLReader.documents(in: text).first else {
                throw StatusError.badRequest("error decoding YAML: empty document")
            }
            config = document.value
        } catch let error as StatusError {
            throw error
        } catch {
            throw StatusError.badRequest("error decoding YAML: \(error)")
        }
        let type = target.type
        guard config.objectValue != nil else {
            throw StatusError.badRequest("error decoding YAML: the body is not an object")
        }
        try checkIdentity(config, target: target, name: name)
        let namespace = target.namespace
        let unknown = StrictDecoding.unknownFields(in: config, schema: type.schema)
        if !unknown.isEmpty {
            let where_ = "\(namespace ?? "")/\(name); \(type.group)/\(type.version), Kind=\(type.kind)"
            let listed = unknown.map { "\($0.applyPath): field not declared in schema" }
            let detail = listed.count == 1 ? listed[0] : "errors:\n  " + listed.joined(separator: "\n  ")
            throw StatusError.unknown("failed to create typed patch object (\(where_)): \(detail)")
        }
        let key = StoreKey(type, namespace: namespace, name: name)
        let live = objects[key]
        if live == nil { try checkNamespace(key, type: type, name: name) }
        if target.subresource == "status", live == nil { throw StatusError.notFound(type, name: name) }

        let applied = ownedPart(of: config, type: type, subresource: target.subresource)
        let appliedSet = FieldSet(of: applied, schema: type.schema)
        var base: JSONValue =
            live ?? [
                "apiVersion": .string(type.apiVersion), "kind": .string(type.kind), "metadata": ["name": .string(name)],
            ]
        if live == nil, let namespace, type.namespaced { base["metadata"]?["namespace"] = .string(namespace) }
        var merged = ApplyMerge.merge(base, applied, schema: type.schema)

        var entries = live.map(ManagedFieldsEntry.entries(of:)) ?? []
        let this = ManagedFieldsEntry(
            manager: manager,
            operation: "Apply",
            apiVersion: type.apiVersion,
            time: Self.timestamp(),
            subresource: target.subresource,
            fields: appliedSet
        )
        let (changed, _) = FieldSet.changes(
            from: live.map { ownedPart(of: $0, type: type, subresource: target.subresource) },
            to: ownedPart(of: merged, type: type, subresource: target.subresource),
            schema: type.schema
        )
        var conflicts: [(entry: ManagedFieldsEntry, paths: [[String]])] = []
        for entry in entries where !entry.sameManager(as: this) {
            let common = entry.fields.intersection(changed).intersection(appliedSet)
            if !common.isEmpty { conflicts.append((entry, common.members)) }
        }
        if !conflicts.isEmpty {
            if request.flag("force") {
                for index in entries.indices where !entries[index].sameManager(as: this) {
                    entries[index].fields = entries[index].fields.subtracting(changed.intersection(appliedSet))
                }
            } else {
                throw Self.applyConflict(conflicts, type: type, name: name)
            }
        }
        let previous = entries.first { $0.sameManager(as: this) }?.fields ?? FieldSet()
        let others = entries.filter { !$0.sameManager(as: this) }.reduce(FieldSet()) { $0.union($1.fields) }
        let givenUp = previous.subtracting(appliedSet).subtracting(others)
        if !givenUp.isEmpty {
            merged = ApplyMerge.remove(givenUp, from: merged, schema: type.schema)
        }
        if let index = entries.firstIndex(where: { $0.sameManager(as: this) }) {
            var updated = this
            if entries[index].fields == appliedSet { updated.time = entries[index].time }
            entries[index] = updated
        } else {
            entries.append(this)
        }
        if let live {
            merged = mergeSubresource(old: live, new: merged, type: type, subresource: target.subresource)
            let result = try commit(merged, old: live, key: key, type: type, entries: entries, dryRun: request.isDryRun)
            return .json(result)
        }
        if type.subresources.contains("status") { merged["status"] = nil }
        let created = try commit(merged, old: nil, key: key, type: type, entries: entries, dryRun: request.isDryRun)
        return .json(created, status: 201)
    }

    private static func applyConflict(
        _ conflicts: [(entry: ManagedFieldsEntry, paths: [[String]])],
        type: ResourceType,
        name: String
    ) -> StatusError {
        let count = conflicts.reduce(0) { $0 + $1.paths.count }
        var causes: [JSONValue] = []
        var parts: [String] = []
        for (entry, paths) in conflicts {
            let described = paths.map(FieldSet.describe)
            for path in described {
                causes.append([
                    "reason": "FieldManagerConflict", "message": .string("conflict with \(entry.conflictName)"),
                    "field": .string(path),
                ])
            }
            if described.count == 1 {
                parts.append("conflict with \(entry.conflictName): \(described[0])")
            } else {
                parts.append("conflicts with \(entry.conflictName):\n- " + described.joined(separator: "\n- "))
            }
        }
        let message = "Apply failed with \(count) conflict\(count == 1 ? "" : "s"): " + parts.joined(separator: "\n")
        var details: JSONValue = ["name": .string(name), "kind": .string(type.plural), "causes": .array(causes)]
        if !type.group.isEmpty { details["group"] = .string(type.group) }
        return StatusError(code: 409, reason: "Conflict", message: message, details: details)
    }
}
