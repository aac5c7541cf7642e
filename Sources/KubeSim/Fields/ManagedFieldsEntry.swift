import MooringCore

/// One entry of `metadata.managedFields`: the fields one manager owns through one kind of operation.
struct ManagedFieldsEntry: Sendable, Equatable {
    var manager: String
    /// `Apply` or `Update`.
    var operation: String
    var apiVersion: String
    var time: String
    var subresource: String?
    var fields: FieldSet

    var isApply: Bool { operation == "Apply" }

    /// Whether `other` records the same manager (the real server keys entries by manager, operation,
    /// subresource, and for updates the API version).
    func sameManager(as other: ManagedFieldsEntry) -> Bool {
        manager == other.manager && operation == other.operation && subresource == other.subresource
            && (isApply || apiVersion == other.apiVersion)
    }

    /// How conflicts name this manager: `"kubectl-edit" using apps/v1`, `"mooring"`, or with a subresource.
    var conflictName: String {
        var text = "\"\(manager)\""
        if let subresource { text += " with subresource \"\(subresource)\"" }
        if !isApply { text += " using \(apiVersion)" }
        return text
    }

    init(manager: String, operation: String, apiVersion: String, time: String, subresource: String?, fields: FieldSet) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.subresource = subresource
        self.fields = fields
    }

    init?(_ value: JSONValue) {
        guard let manager = value["manager"]?.stringValue, let operation = value["operation"]?.stringValue else {
            return nil
        }
        self.manager = manager
        self.operation = operation
        apiVersion = value["apiVersion"]?.stringValue ?? ""
        time = value["time"]?.stringValue ?? ""
        subresource = value["subresource"]?.stringValue
        fields = FieldSet(fieldsV1: value["fieldsV1"] ?? [:])
    }

    var json: JSONValue {
        var entry: JSONValue = [
            "manager": .string(manager), "operation": .string(operation), "apiVersion": .string(apiVersion),
            "time": .string(time), "fieldsType": "FieldsV1", "fieldsV1": fields.fieldsV1,
        ]
        if let subresource { entry["subresource"] = .string(subresource) }
        return entry
    }

    /// The entries of an object's `metadata.managedFields`.
    static func entries(of object: JSONValue) -> [ManagedFieldsEntry] {
        (object["metadata"]?["managedFields"]?.arrayValue ?? []).compactMap(ManagedFieldsEntry.init)
    }

    /// Writes `entries` (dropping empty ones) into `object`'s metadata.
    static func store(_ entries: [ManagedFieldsEntry], in object: inout JSONValue) {
        let kept = entries.filter { !$0.fields.isEmpty }
        var metadata = object["metadata"] ?? [:]
        metadata["managedFields"] = kept.isEmpty ? JSONValue?.none : .array(kept.map(\.json))
        object["metadata"] = metadata
    }
}
