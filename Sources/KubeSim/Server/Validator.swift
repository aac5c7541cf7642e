import MooringCore

/// The validation a real API server runs on writes, for the rules clients meet most.
enum Validator {
    static func validate(_ object: JSONValue, old: JSONValue?, type: ResourceType) -> [FieldError] {
        var problems: [FieldError] = []
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        switch (type.group, type.plural) {
        case ("", "namespaces"), ("", "services"):
            if let message = dns1123Label(name, serviceStyle: type.plural == "services") {
                problems.append(.invalid("metadata.name", .string(name), message))
            }
        case ("rbac.authorization.k8s.io", _):
            break
        default:
            if let message = dns1123Subdomain(name) {
                problems.append(.invalid("metadata.name", .string(name), message))
            }
        }
        problems += labels(object["metadata"]?["labels"], path: "metadata.labels")
        problems += finalizers(object, old: old)
        switch (type.group, type.plural) {
        case ("apps", "deployments"): problems += deployment(object, old: old)
        case ("", "services"): problems += service(object, old: old)
        case ("", "configmaps"), ("", "secrets"): problems += dataKeys(object)
        default: break
        }
        return problems
    }

    /// While an object is being deleted its finalizers can only go, as `ValidateObjectMetaUpdate` has it.
    private static func finalizers(_ object: JSONValue, old: JSONValue?) -> [FieldError] {
        guard let old, old["metadata"]?["deletionTimestamp"] != nil else { return [] }
        let before = Set((old["metadata"]?["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue))
        let added = (object["metadata"]?["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue)
            .filter { !before.contains($0) }.sorted()
        guard !added.isEmpty else { return [] }
        let listed = added.map { "\"\($0)\"" }.joined(separator: ", ")
        return [
            .forbidden(
                "metadata.finalizers",
                "no new finalizers can be added if the object is being deleted, found new finalizers []string{\(listed)}"
            )
        ]
    }

    static func dns1123Subdomain(_ text: String) -> String? {
        let valid =
            text.count <= 253
            && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isLabel(String($0)) }
        return valid
            ? nil
            : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    }

    static func dns1123Label(_ text: String, serviceStyle: Bool) -> String? {
        if serviceStyle {
            let valid = isLabel(text) && text.first.map { $0.isLetter } == true
            return valid
                ? nil
                : "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
        }
        return isLabel(text)
            ? nil
            : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    }

    private static func isLabel(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 63 else { return false }
        let bytes = Array(text.utf8)
        func alphanumeric(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        guard let first = bytes.first, let last = bytes.last, alphanumeric(first), alphanumeric(last) else {
            return false
        }
        return bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    private static func labels(_ value: JSONValue?, path: String) -> [FieldError] {
        var problems: [FieldError] = []
        for (key, labelValue) in value?.objectValue ?? [:] {
            let text = labelValue.stringValue ?? ""
            let valueValid =
                text.isEmpty
                || (text.count <= 63 && text.first.map { $0.isLetter || $0.isNumber } == true
                    && text.last.map { $0.isLetter || $0.isNumber } == true
                    && text.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) })
            if !valueValid {
                problems.append(
                    .invalid(
                        "\(path)",
                        .string(text),
                        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
                    )
                )
            }
            let name = key.split(separator: "/").last.map(String.init) ?? key
            if name.isEmpty || name.count > 63 || !(name.first.map { $0.isLetter || $0.isNumber } ?? false)
                || !(name.last.map { $0.isLetter || $0.isNumber } ?? false)
                || !name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) })
            {
                problems.append(
                    .invalid(
                        "\(path)",
                        .string(key),
                        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
                    )
                )
            }
        }
        return problems
    }

    private static func deployment(_ object: JSONValue, old: JSONValue?) -> [FieldError] {
        var problems: [FieldError] = []
        let spec = object["spec"] ?? [:]
        if let replicas = spec["replicas"]?.intValue, replicas < 0 {
            problems.append(.invalid("spec.replicas", .int(replicas), "must be greater than or equal to 0"))
        }
        let selector = spec["selector"]
        if selector == nil || selector?.isNull == true {
            problems.append(.required("spec.selector"))
        } else if (selector?["matchLabels"]?.objectValue ?? [:]).isEmpty
            && (selector?["matchExpressions"]?.arrayValue ?? []).isEmpty
        {
            problems.append(.invalid("spec.selector", selector ?? [:], "empty selector is invalid for deployment"))
        }
        let templateLabels = LabelSelector.labels(of: ["metadata": spec["template"]?["metadata"] ?? [:]])
        let matchLabels = (selector?["matchLabels"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        if !matchLabels.isEmpty, !matchLabels.allSatisfy({ templateLabels[$0.key] == $0.value }) {
            problems.append(
                .invalid(
                    "spec.template.metadata.labels",
                    .object((spec["template"]?["metadata"]?["labels"]?.objectValue) ?? [:]),
                    "`selector` does not match template `labels`"
                )
            )
        }
        if let old, let oldSelector = old["spec"]?["selector"], oldSelector != selector {
            problems.append(.invalid("spec.selector", selector ?? .null, "field is immutable"))
        }
        let containers = spec["template"]?["spec"]?["containers"]?.arrayValue ?? []
        if containers.isEmpty { problems.append(.required("spec.template.spec.containers")) }
        for (index, container) in containers.enumerated() {
            let path = "spec.template.spec.containers[\(index)]"
            let name = container["name"]?.stringValue ?? ""
            if name.isEmpty {
                problems.append(.required("\(path).name"))
            } else if let message = dns1123Label(name, serviceStyle: false) {
                problems.append(.invalid("\(path).name", .string(name), message))
            }
            if (container["image"]?.stringValue ?? "").isEmpty { problems.append(.required("\(path).image")) }
            for (portIndex, port) in (container["ports"]?.arrayValue ?? []).enumerated() {
                let number = port["containerPort"]?.intValue ?? 0
                if !(1...65535).contains(number) {
                    problems.append(
                        .invalid(
                            "\(path).ports[\(portIndex)].containerPort",
                            .int(number),
                            "must be between 1 and 65535, inclusive"
                        )
                    )
                }
            }
        }
        return problems
    }

    private static func service(_ object: JSONValue, old: JSONValue?) -> [FieldError] {
        var problems: [FieldError] = []
        let spec = object["spec"] ?? [:]
        let type = spec["type"]?.stringValue ?? "ClusterIP"
        let supported = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
        if !supported.contains(type) {
            problems.append(.notSupported("spec.type", .string(type), supported: supported))
        }
        let ports = spec["ports"]?.arrayValue ?? []
        if ports.isEmpty, type != "ExternalName", spec["clusterIP"]?.stringValue != "None" {
            problems.append(.required("spec.ports"))
        }
        for (index, port) in ports.enumerated() {
            let number = port["port"]?.intValue ?? 0
            if !(1...65535).contains(number) {
                problems.append(
                    .invalid("spec.ports[\(index)].port", .int(number), "must be between 1 and 65535, inclusive")
                )
            }
            if ports.count > 1, (port["name"]?.stringValue ?? "").isEmpty {
                problems.append(.required("spec.ports[\(index)].name"))
            }
        }
        if let old, let oldIP = old["spec"]?["clusterIP"], let newIP = spec["clusterIP"], oldIP != newIP {
            problems.append(.invalid("spec.clusterIPs[0]", newIP, "may not change once set"))
        }
        return problems
    }

    private static func dataKeys(_ object: JSONValue) -> [FieldError] {
        var problems: [FieldError] = []
        for field in ["data", "binaryData", "stringData"] {
            for key in (object[field]?.objectValue ?? [:]).keys.sorted() {
                let valid =
                    !key.isEmpty && key.count <= 253
                    && key.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }
                if !valid {
                    problems.append(
                        .invalid(
                            "\(field)",
                            .string(key),
                            "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"
                        )
                    )
                }
            }
        }
        return problems
    }
}
