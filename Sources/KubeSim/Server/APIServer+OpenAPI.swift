import MooringCore

extension APIServer {
    /// `/openapi/v3` (the index of group versions) and `/openapi/v3/<api|apis/group>/<version>` documents.
    ///
    /// The documents list every path with its operations, the `x-kubernetes-group-version-kind` of each and
    /// the query parameters the server honours (`fieldValidation` among them, which kubectl looks for
    /// before it leaves field validation to the server), and a schema per kind.
    func openAPI(_ segments: [String], request: APIRequest) throws -> APIResponse {
        guard segments.first == "v3" else { throw StatusError.notFoundPath() }
        let rest = Array(segments.dropFirst())
        if rest.isEmpty {
            var paths: [String: JSONValue] = [:]
            for (group, version) in catalog.groupVersions {
                let path = group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
                let hash = Self.hash(openAPIDocument(group: group, version: version).serialized())
                paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash)")]
            }
            return .json(["paths": .object(paths)])
        }
        let group: String
        let version: String
        if rest.count == 2, rest[0] == "api" {
            group = ""
            version = rest[1]
        } else if rest.count == 3, rest[0] == "apis" {
            group = rest[1]
            version = rest[2]
        } else {
            throw StatusError.notFoundPath()
        }
        guard catalog.groupVersions.contains(where: { $0.group == group && $0.version == version }) else {
            throw StatusError.notFoundPath()
        }
        return .json(openAPIDocument(group: group, version: version))
    }

    private func openAPIDocument(group: String, version: String) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        var schemas: [String: JSONValue] = [:]
        let prefix = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        for type in catalog.types where type.group == group && type.version == version {
            let gvk: JSONValue = ["group": .string(group), "version": .string(version), "kind": .string(type.kind)]
            let reference = Self.schemaName(type)
            let collection =
                type.namespaced ? "\(prefix)/namespaces/{namespace}/\(type.plural)" : "\(prefix)/\(type.plural)"
            paths[collection] = [
                "get": operation("list", gvk: gvk, reference: reference),
                "post": operation("post", gvk: gvk, reference: reference),
            ]
            paths["\(collection)/{name}"] = [
                "get": operation("get", gvk: gvk, reference: reference),
                "put": operation("put", gvk: gvk, reference: reference),
                "patch": operation("patch", gvk: gvk, reference: reference),
                "delete": operation("delete", gvk: gvk, reference: reference),
            ]
            for subresource in type.subresources {
                paths["\(collection)/{name}/\(subresource)"] = [
                    "get": operation("get", gvk: gvk, reference: reference),
                    "put": operation("put", gvk: gvk, reference: reference),
                    "patch": operation("patch", gvk: gvk, reference: reference),
                ]
            }
            var schema = OpenAPISchema.render(type.schema, depth: 0)
            schema["x-kubernetes-group-version-kind"] = [gvk]
            schemas[reference] = schema
        }
        return [
            "openapi": "3.0.0",
            "info": ["title": "Kubernetes", "version": "v1.32.3"],
            "paths": .object(paths),
            "components": ["schemas": .object(schemas)],
        ]
    }

    private func operation(_ action: String, gvk: JSONValue, reference: String) -> JSONValue {
        var parameters: [JSONValue] = [
            ["name": "dryRun", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
            ["name": "fieldManager", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
        ]
        if ["post", "put", "patch"].contains(action) {
            parameters.append([
                "name": "fieldValidation", "in": "query", "schema": ["type": "string", "uniqueItems": true],
            ])
        }
        if action == "patch" {
            parameters.append(["name": "force", "in": "query", "schema": ["type": "boolean", "uniqueItems": true]])
        }
        let content: JSONValue = [
            "application/json": ["schema": ["$ref": .string("#/components/schemas/\(reference)")]]
        ]
        var operation: JSONValue = [
            "x-kubernetes-action": .string(action),
            "x-kubernetes-group-version-kind": gvk,
            "parameters": .array(parameters),
            "responses": ["200": ["description": "OK", "content": content]],
        ]
        if action == "patch" {
            let patch: JSONValue = ["schema": ["type": "object"]]
            operation["requestBody"] = [
                "content": [
                    "application/json-patch+json": patch, "application/merge-patch+json": patch,
                    "application/apply-patch+yaml": patch,
                ],
                "required": true,
            ]
        } else if action == "post" || action == "put" {
            operation["requestBody"] = ["content": content, "required": true]
        }
        return operation
    }

    private static func schemaName(_ type: ResourceType) -> String {
        let group = type.group.isEmpty ? "core" : type.group
        return "io.k8s.api.\(group).\(type.version).\(type.kind)"
    }

    /// A short stable digest, so clients refetch a document when it changes (a CRD was added).
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        return String(value, radix: 16, uppercase: true)
    }
}
