import MooringCore

/// Turns a CustomResourceDefinition into the types it serves, with its structural schema.
enum CustomResourceDefinitions {
    static func types(of crd: JSONValue) -> [ResourceType] {
        guard let spec = crd["spec"], let group = spec["group"]?.stringValue, let names = spec["names"],
            let kind = names["kind"]?.stringValue, let plural = names["plural"]?.stringValue
        else { return [] }
        return (spec["versions"]?.arrayValue ?? []).compactMap { version -> ResourceType? in
            guard let name = version["name"]?.stringValue, version["served"]?.boolValue != false else { return nil }
            var subresources: Set<String> = []
            if version["subresources"]?["status"] != nil { subresources.insert("status") }
            if version["subresources"]?["scale"] != nil { subresources.insert("scale") }
            let columns = (version["additionalPrinterColumns"]?.arrayValue ?? []).map { column in
                PrinterColumn(
                    name: column["name"]?.stringValue ?? "",
                    type: column["type"]?.stringValue ?? "string",
                    jsonPath: column["jsonPath"]?.stringValue ?? "",
                    description: column["description"]?.stringValue ?? "",
                    priority: column["priority"]?.intValue ?? 0
                )
            }
            return ResourceType(
                group: group,
                version: name,
                kind: kind,
                plural: plural,
                singular: names["singular"]?.stringValue ?? kind.lowercased(),
                namespaced: spec["scope"]?.stringValue != "Cluster",
                shortNames: (names["shortNames"]?.arrayValue ?? []).compactMap(\.stringValue),
                categories: (names["categories"]?.arrayValue ?? []).compactMap(\.stringValue),
                subresources: subresources,
                schema: rootSchema(version["schema"]?["openAPIV3Schema"]),
                tracksGeneration: true,
                isCustom: true,
                printerColumns: columns
            )
        }
    }

    /// The root schema: the CRD's, with `apiVersion`, `kind` and `metadata` always known.
    private static func rootSchema(_ value: JSONValue?) -> Schema {
        guard let value else { return .any }
        guard case .object(var object) = convert(value) else { return .any }
        object.fields["apiVersion"] = .scalar
        object.fields["kind"] = .scalar
        object.fields["metadata"] = .named("V1ObjectMeta")
        return .object(object)
    }

    /// One OpenAPI v3 schema node as a KubeSim schema.
    static func convert(_ node: JSONValue) -> Schema {
        if node["x-kubernetes-int-or-string"]?.boolValue == true { return .scalar }
        let preserve = node["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
        let embedded = node["x-kubernetes-embedded-resource"]?.boolValue == true
        switch node["type"]?.stringValue {
        case "object"?,
            nil where node["properties"] != nil:
            if let properties = node["properties"]?.objectValue {
                var object = ObjectSchema(fields: properties.mapValues(convert))
                object.preservesUnknownFields = preserve
                object.embeddedResource = embedded
                object.atomic = node["x-kubernetes-map-type"]?.stringValue == "atomic"
                if embedded {
                    object.fields["apiVersion"] = object.fields["apiVersion"] ?? .scalar
                    object.fields["kind"] = object.fields["kind"] ?? .scalar
                    object.fields["metadata"] = object.fields["metadata"] ?? .any
                }
                return .object(object)
            }
            if let additional = node["additionalProperties"], additional.objectValue != nil {
                return .map(convert(additional), atomic: node["x-kubernetes-map-type"]?.stringValue == "atomic")
            }
            return .any
        case "array"?:
            let element = node["items"].map(convert) ?? .any
            switch node["x-kubernetes-list-type"]?.stringValue {
            case "set"?: return .list(element, .set)
            case "map"?:
                let keys = (node["x-kubernetes-list-map-keys"]?.arrayValue ?? []).compactMap(\.stringValue)
                return .list(element, .map(keys: keys, mergeKey: keys.first ?? "name"))
            default: return .list(element, .atomic)
            }
        case nil:
            return preserve ? .any : .any
        default:
            return .scalar
        }
    }

    /// The status a real server gives an accepted CRD: names accepted, established.
    static func acceptedStatus(of crd: JSONValue, now: String) -> JSONValue {
        let names = crd["spec"]?["names"] ?? [:]
        let stored = (crd["spec"]?["versions"]?.arrayValue ?? []).filter { $0["storage"]?.boolValue == true }
            .compactMap { $0["name"] }
        let previous = crd["status"]?["conditions"]?.arrayValue ?? []
        func since(_ type: String) -> JSONValue {
            previous.first { $0["type"]?.stringValue == type }?["lastTransitionTime"] ?? .string(now)
        }
        return [
            "acceptedNames": names,
            "storedVersions": .array(stored),
            "conditions": [
                [
                    "type": "NamesAccepted", "status": "True", "reason": "NoConflicts", "message": "no conflicts found",
                    "lastTransitionTime": since("NamesAccepted"),
                ],
                [
                    "type": "Established", "status": "True", "reason": "InitialNamesAccepted",
                    "message": "the initial names have been accepted", "lastTransitionTime": since("Established"),
                ],
            ],
        ]
    }
}
