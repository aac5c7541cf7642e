import MooringCore

extension APIServer {
    /// `/openapi/v3` (the index of group versions) and `/openapi/v3/<api|apis/group>/<version>` documents.
    ///
    /// The documents list every path with its operations, the `x-kubernetes-group-version-kind` of each and
    /// the query parameters the server honours (`fieldValidation` among them, which kubectl looks for
    /// before it leaves field validation to the server), and a schema per kind.
    func openAPI(_ segments: [String], request: APIRequest) throws -> APIResponse {
        if segments == ["v2"] { return openAPIV2(request) }
        guard segments.first == "v3" else { throw StatusError.notFoundPath() }
        let documents = currentOpenAPIDocuments()
        let path = segments.dropFirst().joined(separator: "/")
        if path.isEmpty { return .revalidated(documents.index, request: request) }
        guard let document = documents.groupVersions[path] else { throw StatusError.notFoundPath() }
        guard let hash = request.query["hash"], !hash.isEmpty else { return .revalidated(document, request: request) }
        // As kube-openapi's handler: an outdated hash is sent to the current document; the current one is cached
        // for good, since its URL changes with its content.
        guard hash == document.tag else { return .movedPermanently(to: "/openapi/v3/\(path)?hash=\(document.tag)") }
        return .immutable(document, request: request)
    }

    /// The documents of the current catalog, rendered on first use after it changed.
    private func currentOpenAPIDocuments() -> OpenAPIDocuments {
        if let openAPIDocuments { return openAPIDocuments }
        var paths: [String: JSONValue] = [:]
        var groupVersions: [String: OpenAPIDocuments.Document] = [:]
        for (group, version) in catalog.groupVersions {
            let path = group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
            let text = openAPIDocument(group: group, version: version).serialized()
            let document = OpenAPIDocuments.Document(bytes: Array(text.utf8), tag: Self.hash(text))
            groupVersions[path] = document
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(document.tag)")]
        }
        let index = JSONValue.object(["paths": .object(paths)]).serialized()
        let documents = OpenAPIDocuments(
            index: OpenAPIDocuments.Document(bytes: Array(index.utf8), tag: Self.hash(index)),
            groupVersions: groupVersions
        )
        openAPIDocuments = documents
        return documents
    }

    /// `/openapi/v2`, which kubectl reads (as protobuf) to validate `List` manifests and kinds absent from
    /// v3. KubeSim answers protobuf requests with an empty document — the protobuf encoding of a
    /// `Document` without definitions, which kubectl accepts — and JSON requests with every schema.
    private func openAPIV2(_ request: APIRequest) -> APIResponse {
        if request.accept.contains("protobuf") {
            return APIResponse(
                status: 200,
                contentType: "application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
                body: .bytes([])
            )
        }
        var definitions: [String: JSONValue] = [:]
        for type in catalog.types {
            var schema = OpenAPISchema.render(type.schema, depth: 0)
            schema["x-kubernetes-group-version-kind"] = [
                ["group": .string(type.group), "version": .string(type.version), "kind": .string(type.kind)]
            ]
            definitions[Self.schemaName(type)] = schema
        }
        return .json([
            "swagger": "2.0",
            "info": ["title": "Kubernetes", "version": "v1.32.3"],
            "paths": [:],
            "definitions": .object(definitions),
        ])
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
    static func hash(_ text: String) -> String { StableHash.hex(of: text).uppercased() }
}
