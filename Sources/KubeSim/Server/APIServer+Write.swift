import Foundation
import MooringCore

extension APIServer {
    /// The JSON (or YAML) body of a write; protobuf is refused as a server without it would.
    func decodeBody(_ request: APIRequest) throws -> JSONValue {
        let type = request.contentType.lowercased()
        if type.contains("protobuf") { throw StatusError.unsupportedMediaType(type) }
        if type.contains("yaml") {
            let text = String(decoding: request.body, as: UTF8.self)
            do {
                guard let document = try YAMLReader.documents(in: text).first else {
                    throw StatusError.badRequest("empty body")
                }
                return document.value
            } catch let error as StatusError {
                throw error
            } catch {
                throw StatusError.badRequest("error decoding YAML: \(error)")
            }
        }
        do {
            return try JSONValue.parse(request.body)
        } catch {
            throw StatusError.badRequest("couldn't get version/kind; json parse error: \(error)")
        }
    }

    /// Rejects unknown fields as `fieldValidation=Strict` does (kubectl's default); other modes let them be dropped.
    func checkStrict(_ object: JSONValue, type: ResourceType, request: APIRequest, patch: Bool) throws {
        let mode = request.query["fieldValidation"] ?? "Warn"
        guard mode == "Strict" else { return }
        let unknown = StrictDecoding.unknownFields(in: object, schema: type.schema)
        guard !unknown.isEmpty else { return }
        let listed = unknown.map { "unknown field \"\($0.decodingPath)\"" }.joined(separator: ", ")
        if patch || type.isCustom {
            throw StatusError.badRequest("strict decoding error: \(listed)")
        }
        throw StatusError.badRequest(
            "\(type.kind) in version \"\(type.version)\" cannot be handled as a \(type.kind): strict decoding error: \(listed)"
        )
    }

    /// Drops fields the schema does not know (what the real server's decoding does when not strict).
    func pruneUnknown(_ value: JSONValue, schema: Schema) -> JSONValue {
        switch (value, schema.resolved) {
        case (.object(let members), .object(let object)):
            var kept: [String: JSONValue] = [:]
            for (key, child) in members {
                if let fieldSchema = object.fields[key] {
                    kept[key] = pruneUnknown(child, schema: fieldSchema)
                } else if object.preservesUnknownFields
                    || (object.embeddedResource && ["apiVersion", "kind", "metadata"].contains(key))
                {
                    kept[key] = child
                }
            }
            return .object(kept)
        case (.object(let members), .map(let element, _)):
            return .object(members.mapValues { pruneUnknown($0, schema: element) })
        case (.array(let elements), .list(let element, _)):
            return .array(elements.map { pruneUnknown($0, schema: element) })
        default:
            return value
        }
    }

    /// Checks the `apiVersion`, `kind`, name and namespace of a submitted object against the URL.
    func checkIdentity(_ object: JSONValue, target: Target, name: String?) throws {
        guard object.objectValue != nil else {
            throw StatusError.badRequest("the body of the request is not an object")
        }
        let kind = object["kind"]?.stringValue ?? ""
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        if kind.isEmpty { throw StatusError.badRequest("Object 'Kind' is missing in '\(object.serialized())'") }
        if kind != target.type.kind || apiVersion != target.type.apiVersion {
            throw StatusError.badRequest(
                "the API version in the data (\(apiVersion)) does not match the expected API version (\(target.type.apiVersion))"
            )
        }
        if let name, let given = object["metadata"]?["name"]?.stringValue, given != name {
            throw StatusError.badRequest(
                "the name of the object (\(given)) does not match the name on the URL (\(name))"
            )
        }
        if let namespace = target.namespace, let given = object["metadata"]?["namespace"]?.stringValue,
            given != namespace
        {
            throw StatusError.badRequest(
                "the namespace of the provided object does not match the namespace sent on the request"
            )
        }
    }

    // MARK: Create

    func createRequest(_ request: APIRequest, target: Target) throws -> APIResponse {
        guard target.subresource == nil else { throw StatusError.methodNotAllowed() }
        var object = try decodeBody(request)
        try checkIdentity(object, target: target, name: nil)
        try checkStrict(object, type: target.type, request: request, patch: false)
        object = pruneUnknown(object, schema: target.type.schema)
        let created = try create(
            object,
            type: target.type,
            namespace: target.namespace,
            manager: request.fieldManager,
            dryRun: request.isDryRun
        )
        return .json(created, status: 201)
    }

    /// Creates an object through the whole pipeline (defaults, validation, bookkeeping) and returns it.
    func create(
        _ submitted: JSONValue,
        type: ResourceType,
        namespace: String?,
        manager: String,
        dryRun: Bool
    ) throws -> JSONValue {
        var object = submitted
        var metadata = object["metadata"] ?? [:]
        if metadata["name"]?.stringValue?.isEmpty ?? true, let prefix = metadata["generateName"]?.stringValue {
            metadata["name"] = .string(prefix + Self.randomSuffix())
        }
        guard let name = metadata["name"]?.stringValue, !name.isEmpty else {
            throw StatusError.invalid(type, name: "", causes: [.required("metadata.name")])
        }
        if type.namespaced {
            metadata["namespace"] = .string(namespace ?? metadata["namespace"]?.stringValue ?? "default")
        } else {
            metadata["namespace"] = nil
        }
        object["metadata"] = metadata
        let key = StoreKey(type, namespace: metadata["namespace"]?.stringValue, name: name)
        try checkNamespace(key, type: type, name: name)
        if objects[key] != nil { throw StatusError.alreadyExists(type, name: name) }
        if !type.subresources.isEmpty, type.subresources.contains("status") { object["status"] = nil }
        let updatedEntries = updateEntries(old: nil, new: object, type: type, manager: manager, subresource: nil)
        return try commit(object, old: nil, key: key, type: type, entries: updatedEntries, dryRun: dryRun)
    }

    /// Refuses objects in a namespace that does not exist or is being deleted.
    func checkNamespace(_ key: StoreKey, type: ResourceType, name: String) throws {
        guard let namespace = key.namespace else { return }
        guard let found = objects[StoreKey(builtin("", "namespaces"), namespace: nil, name: namespace)] else {
            throw StatusError.namespaceNotFound(namespace)
        }
        if found["metadata"]?["deletionTimestamp"] != nil {
            throw StatusError.namespaceTerminating(type, name: name, namespace: namespace)
        }
    }

    private static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }

    // MARK: Update

    func updateRequest(_ request: APIRequest, target: Target, name: String) throws -> APIResponse {
        var submitted = try decodeBody(request)
        if target.subresource == "scale" {
            return try updateScale(request, target: target, name: name, scale: submitted)
        }
        try checkIdentity(submitted, target: target, name: name)
        try checkStrict(submitted, type: target.type, request: request, patch: false)
        submitted = pruneUnknown(submitted, schema: target.type.schema)
        let old = try existing(target, name: name)
        let version = submitted["metadata"]?["resourceVersion"]?.stringValue ?? ""
        if version.isEmpty, !target.type.allowsUnconditionalUpdate {
            throw StatusError.invalid(
                target.type,
                name: name,
                causes: [.invalid("metadata.resourceVersion", .int(0), "must be specified for an update")]
            )
        }
        if !version.isEmpty, version != old["metadata"]?["resourceVersion"]?.stringValue {
            throw StatusError.conflict(target.type, name: name)
        }
        let updated = try update(
            old: old,
            new: submitted,
            type: target.type,
            subresource: target.subresource,
            manager: request.fieldManager,
            dryRun: request.isDryRun
        )
        return .json(updated)
    }

    /// Writes `new` over `old` as an Update operation of `manager` (PUT, and every patch but apply).
    func update(
        old: JSONValue,
        new: JSONValue,
        type: ResourceType,
        subresource: String?,
        manager: String,
        dryRun: Bool
    ) throws -> JSONValue {
        let object = mergeSubresource(old: old, new: new, type: type, subresource: subresource)
        let entries: [ManagedFieldsEntry]
        if let given = new["metadata"]?["managedFields"], given != old["metadata"]?["managedFields"] {
            entries = (given.arrayValue ?? []).compactMap(ManagedFieldsEntry.init)
        } else {
            entries = updateEntries(old: old, new: object, type: type, manager: manager, subresource: subresource)
        }
        let key = StoreKey(
            type,
            namespace: old["metadata"]?["namespace"]?.stringValue,
            name: old["metadata"]?["name"]?.stringValue ?? ""
        )
        return try commit(object, old: old, key: key, type: type, entries: entries, dryRun: dryRun)
    }

    /// The object a write produces: status writes change only status; other writes keep the old status.
    func mergeSubresource(old: JSONValue, new: JSONValue, type: ResourceType, subresource: String?) -> JSONValue {
        var object: JSONValue
        if subresource == "status" {
            object = old
            object["status"] = new["status"]
            if let labels = new["metadata"]?["labels"] { object["metadata"]?["labels"] = labels }
            if let annotations = new["metadata"]?["annotations"] { object["metadata"]?["annotations"] = annotations }
        } else {
            object = new
            if type.subresources.contains("status") { object["status"] = old["status"] }
        }
        return object
    }

    /// The managed fields after an Update by `manager`: it owns what it changed; others lose what was removed.
    func updateEntries(
        old: JSONValue?,
        new: JSONValue,
        type: ResourceType,
        manager: String,
        subresource: String?
    ) -> [ManagedFieldsEntry] {
        var entries = old.map(ManagedFieldsEntry.entries(of:)) ?? []
        let (changed, removed) = FieldSet.changes(
            from: old.map { ownedPart(of: $0, type: type, subresource: subresource) },
            to: ownedPart(of: new, type: type, subresource: subresource),
            schema: type.schema
        )
        for index in entries.indices { entries[index].fields = entries[index].fields.subtracting(removed) }
        guard !changed.isEmpty else { return entries }
        let entry = ManagedFieldsEntry(
            manager: manager,
            operation: "Update",
            apiVersion: type.apiVersion,
            time: Self.timestamp(),
            subresource: subresource,
            fields: changed
        )
        if let index = entries.firstIndex(where: { $0.sameManager(as: entry) }) {
            entries[index].fields = entries[index].fields.union(changed)
            entries[index].time = entry.time
        } else {
            entries.append(entry)
        }
        return entries
    }

    /// The part of an object whose fields managers own: no type or system metadata, and status only
    /// through the status subresource (for kinds that have one).
    func ownedPart(of object: JSONValue, type: ResourceType, subresource: String?) -> JSONValue {
        var part = object
        part["apiVersion"] = nil
        part["kind"] = nil
        if var metadata = part["metadata"] {
            for key in [
                "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
                "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds",
            ] {
                metadata[key] = nil
            }
            part["metadata"] = metadata.objectValue?.isEmpty == true ? JSONValue?.none : metadata
        }
        if type.subresources.contains("status") {
            if subresource == "status" {
                part = ["status": object["status"] ?? .null]
            } else {
                part["status"] = nil
            }
        }
        return part
    }

    /// Defaults, validates, keeps the bookkeeping and stores (unless a dry run) one written object.
    func commit(
        _ submitted: JSONValue,
        old: JSONValue?,
        key: StoreKey,
        type: ResourceType,
        entries: [ManagedFieldsEntry],
        dryRun: Bool
    ) throws -> JSONValue {
        var object = submitted
        object["apiVersion"] = .string(type.apiVersion)
        object["kind"] = .string(type.kind)
        var metadata = object["metadata"] ?? [:]
        metadata["name"] = .string(key.name)
        if let namespace = key.namespace { metadata["namespace"] = .string(namespace) }
        let oldMetadata = old?["metadata"] ?? [:]
        metadata["uid"] = oldMetadata["uid"] ?? .string(UUID().uuidString.lowercased())
        metadata["creationTimestamp"] = oldMetadata["creationTimestamp"] ?? .string(Self.timestamp())
        metadata["deletionTimestamp"] = oldMetadata["deletionTimestamp"]
        metadata["deletionGracePeriodSeconds"] = oldMetadata["deletionGracePeriodSeconds"]
        metadata["generation"] = oldMetadata["generation"]
        metadata["selfLink"] = nil
        object["metadata"] = metadata
        Defaulter.apply(to: &object, type: type, old: old, server: self)
        let problems = Validator.validate(object, old: old, type: type)
        if !problems.isEmpty { throw StatusError.invalid(type, name: key.name, causes: problems) }
        if type.tracksGeneration || type.isCustom {
            let previous = old?["metadata"]?["generation"]?.intValue ?? 0
            if old == nil || generationChanged(old: old ?? [:], new: object, type: type) {
                object["metadata"]?["generation"] = .int(previous + 1)
            } else {
                object["metadata"]?["generation"] = .int(max(previous, 1))
            }
        }
        ManagedFieldsEntry.store(entries, in: &object)
        if let old, Self.sameIgnoringVersion(old, object) { return old }
        if dryRun {
            object["metadata"]?["resourceVersion"] = old?["metadata"]?["resourceVersion"]
            if old == nil { object["metadata"]?["resourceVersion"] = nil }
            return object
        }
        // An update that empties the finalizers of an object being deleted deletes it instead of storing it (a
        // namespace waits for its `spec.finalizers`, which the simulated namespace controller clears by removing it).
        let namespace = key.group.isEmpty && key.plural == "namespaces"
        if metadata["deletionTimestamp"] != nil, !namespace, Self.finalizers(of: object).isEmpty,
            let removed = remove(key)
        {
            return removed
        }
        object = store(object, key: key, previous: old)
        didChange(object, old: old, key: key, type: type)
        return object
    }

    private func generationChanged(old: JSONValue, new: JSONValue, type: ResourceType) -> Bool {
        if type.isCustom {
            var oldRest = old
            var newRest = new
            for key in ["metadata", "status", "apiVersion", "kind"] {
                oldRest[key] = nil
                newRest[key] = nil
            }
            return oldRest != newRest
        }
        return old["spec"] != new["spec"]
    }

    private static func sameIgnoringVersion(_ old: JSONValue, _ new: JSONValue) -> Bool {
        var new = new
        new["metadata"]?["resourceVersion"] = old["metadata"]?["resourceVersion"]
        return new == old
    }

    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    // MARK: Scale

    func updateScale(_ request: APIRequest, target: Target, name: String, scale: JSONValue) throws -> APIResponse {
        let old = try existing(target, name: name)
        guard let replicas = scale["spec"]?["replicas"]?.intValue else {
            throw StatusError.invalid(target.type, name: name, causes: [.required("spec.replicas")])
        }
        if let version = scale["metadata"]?["resourceVersion"]?.stringValue, !version.isEmpty,
            version != old["metadata"]?["resourceVersion"]?.stringValue
        {
            throw StatusError.conflict(target.type, name: name)
        }
        var new = old
        new["spec"]?["replicas"] = .int(replicas)
        let updated = try update(
            old: old,
            new: new,
            type: target.type,
            subresource: "scale",
            manager: request.fieldManager,
            dryRun: request.isDryRun
        )
        return .json(self.scale(of: updated, type: target.type))
    }
}
