import MooringCore

extension APIServer {
    static let aggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"

    /// `/api` or `/apis`: the aggregated `apidiscovery.k8s.io/v2` list when the client asks for it, else the legacy document.
    func discoveryRoot(legacy: Bool, request: APIRequest) -> APIResponse {
        let groups =
            legacy
            ? catalog.groupVersions.filter { $0.group.isEmpty } : catalog.groupVersions.filter { !$0.group.isEmpty }
        if request.accept.contains("g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList") {
            var items: [JSONValue] = []
            var order: [String] = []
            var versions: [String: [JSONValue]] = [:]
            for (group, version) in groups {
                if versions[group] == nil { order.append(group) }
                versions[group, default: []].append([
                    "version": .string(version), "freshness": "Current",
                    "resources": .array(aggregatedResources(group: group, version: version)),
                ])
            }
            for group in order {
                items.append([
                    "metadata": ["name": .string(group), "creationTimestamp": nil],
                    "versions": .array(versions[group] ?? []),
                ])
            }
            let list: JSONValue = [
                "kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": [:],
                "items": .array(items),
            ]
            return APIResponse(
                status: 200,
                contentType: Self.aggregatedContentType,
                body: .bytes(list.serializedBytes())
            )
        }
        if legacy {
            return .json([
                "kind": "APIVersions", "versions": ["v1"],
                "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"]],
            ])
        }
        var seen: Set<String> = []
        var list: [JSONValue] = []
        for (group, _) in groups where seen.insert(group).inserted {
            let groupVersions = groups.filter { $0.group == group }.map { gv -> JSONValue in
                ["groupVersion": .string("\(group)/\(gv.version)"), "version": .string(gv.version)]
            }
            list.append([
                "name": .string(group), "versions": .array(groupVersions),
                "preferredVersion": groupVersions.first ?? [:],
            ])
        }
        return .json(["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(list)])
    }

    private func aggregatedResources(group: String, version: String) -> [JSONValue] {
        catalog.types.filter { $0.group == group && $0.version == version }.map { type in
            var resource: JSONValue = [
                "resource": .string(type.plural),
                "responseKind": ["group": .string(group), "version": .string(version), "kind": .string(type.kind)],
                "scope": type.namespaced ? "Namespaced" : "Cluster",
                "singularResource": .string(type.singular),
                "verbs": .array(ResourceType.verbs.map { .string($0) }),
            ]
            if !type.shortNames.isEmpty { resource["shortNames"] = .array(type.shortNames.map { .string($0) }) }
            if !type.categories.isEmpty { resource["categories"] = .array(type.categories.map { .string($0) }) }
            let subresources = type.subresources.sorted().map { name -> JSONValue in
                let kind: JSONValue =
                    name == "scale"
                    ? ["group": "autoscaling", "version": "v1", "kind": "Scale"]
                    : ["group": .string(group), "version": .string(version), "kind": .string(type.kind)]
                return ["subresource": .string(name), "responseKind": kind, "verbs": ["get", "patch", "update"]]
            }
            if !subresources.isEmpty { resource["subresources"] = .array(subresources) }
            return resource
        }
    }

    /// `/api/v1` or `/apis/<group>/<version>`: the legacy APIResourceList.
    func groupVersionDiscovery(group: String, version: String) -> APIResponse {
        var resources: [JSONValue] = []
        for type in catalog.types where type.group == group && type.version == version {
            var resource: JSONValue = [
                "name": .string(type.plural), "singularName": .string(type.singular),
                "namespaced": .bool(type.namespaced),
                "kind": .string(type.kind), "verbs": .array(ResourceType.verbs.map { .string($0) }),
            ]
            if !type.shortNames.isEmpty { resource["shortNames"] = .array(type.shortNames.map { .string($0) }) }
            if !type.categories.isEmpty { resource["categories"] = .array(type.categories.map { .string($0) }) }
            resources.append(resource)
            for subresource in type.subresources.sorted() {
                var entry: JSONValue = [
                    "name": .string("\(type.plural)/\(subresource)"), "singularName": "",
                    "namespaced": .bool(type.namespaced),
                    "kind": .string(type.kind), "verbs": ["get", "patch", "update"],
                ]
                if subresource == "scale" {
                    entry["group"] = "autoscaling"
                    entry["version"] = "v1"
                    entry["kind"] = "Scale"
                }
                resources.append(entry)
            }
        }
        let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
        return .json([
            "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion),
            "resources": .array(resources),
        ])
    }
}
