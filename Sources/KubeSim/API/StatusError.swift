import MooringCore

/// A failed API request, answered as a Kubernetes `Status` object (`kind: Status`, `status: Failure`).
struct StatusError: Error, Sendable {
    var code: Int
    var reason: String
    var message: String
    var details: JSONValue?
    /// The Status's list metadata: the `continue` token of an expired paged list.
    var metadata: JSONValue = [:]

    /// The `Status` object a real API server sends for this failure.
    var status: JSONValue {
        var object: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": metadata, "status": "Failure",
            "message": .string(message), "code": .int(code),
        ]
        if !reason.isEmpty { object["reason"] = .string(reason) }
        if let details { object["details"] = details }
        return object
    }

    private static func details(_ type: ResourceType, name: String?, kind: String? = nil) -> JSONValue {
        var details: JSONValue = ["kind": .string(kind ?? type.plural)]
        if let name { details["name"] = .string(name) }
        if !type.group.isEmpty { details["group"] = .string(type.group) }
        return details
    }

    static func notFound(_ type: ResourceType, name: String) -> StatusError {
        StatusError(
            code: 404,
            reason: "NotFound",
            message: "\(type.groupResource) \"\(name)\" not found",
            details: details(type, name: name)
        )
    }

    static func namespaceNotFound(_ namespace: String) -> StatusError {
        StatusError(
            code: 404,
            reason: "NotFound",
            message: "namespaces \"\(namespace)\" not found",
            details: ["name": .string(namespace), "kind": "namespaces"]
        )
    }

    static func alreadyExists(_ type: ResourceType, name: String) -> StatusError {
        StatusError(
            code: 409,
            reason: "AlreadyExists",
            message: "\(type.groupResource) \"\(name)\" already exists",
            details: details(type, name: name)
        )
    }

    static func conflict(_ type: ResourceType, name: String) -> StatusError {
        StatusError(
            code: 409,
            reason: "Conflict",
            message: "Operation cannot be fulfilled on \(type.groupResource) \"\(name)\": "
                + "the object has been modified; please apply your changes to the latest version and try again",
            details: details(type, name: name)
        )
    }

    static func conflict(_ type: ResourceType, name: String, message: String) -> StatusError {
        StatusError(
            code: 409,
            reason: "Conflict",
            message: "Operation cannot be fulfilled on \(type.groupResource) \"\(name)\": \(message)",
            details: details(type, name: name)
        )
    }

    /// 422 with one cause per invalid field, worded as the real validation does.
    static func invalid(_ type: ResourceType, name: String, causes: [FieldError]) -> StatusError {
        let listed = causes.map(\.description)
        let summary = listed.count == 1 ? listed[0] : "[" + listed.joined(separator: ", ") + "]"
        var details = details(type, name: name, kind: type.kind)
        details["causes"] = .array(causes.map(\.cause))
        return StatusError(
            code: 422,
            reason: "Invalid",
            message: "\(type.qualifiedKind) \"\(name)\" is invalid: \(summary)",
            details: details
        )
    }

    static func badRequest(_ message: String) -> StatusError {
        StatusError(code: 400, reason: "BadRequest", message: message, details: nil)
    }

    /// An error the real server does not wrap in a typed status (reason empty, code 500).
    static func unknown(_ message: String) -> StatusError {
        StatusError(code: 500, reason: "", message: message, details: nil)
    }

    static func methodNotAllowed() -> StatusError {
        StatusError(
            code: 405,
            reason: "MethodNotAllowed",
            message: "the server does not allow this method on the requested resource",
            details: nil
        )
    }

    static func unsupportedMediaType(_ contentType: String) -> StatusError {
        StatusError(
            code: 415,
            reason: "UnsupportedMediaType",
            message: "the body of the request was in an unknown format - accepted media types include: "
                + "application/json, application/yaml, application/vnd.kubernetes.protobuf",
            details: nil
        )
        .withMessageIfProtobuf(contentType)
    }

    private func withMessageIfProtobuf(_ contentType: String) -> StatusError {
        guard contentType.contains("protobuf") else { return self }
        var copy = self
        copy.message =
            "the body of the request was in an unknown format - accepted media types include: "
            + "application/json, application/yaml"
        return copy
    }

    static let unauthorized = StatusError(code: 401, reason: "Unauthorized", message: "Unauthorized", details: nil)

    static func forbidden(
        user: String,
        verb: String,
        type: ResourceType,
        name: String?,
        namespace: String?,
        subresource: String?
    ) -> StatusError {
        let resource = subresource.map { "\(type.plural)/\($0)" } ?? type.plural
        let subject = name.map { "\(type.groupResource) \"\($0)\"" } ?? type.groupResource
        let scope = namespace.map { "in the namespace \"\($0)\"" } ?? "at the cluster scope"
        return StatusError(
            code: 403,
            reason: "Forbidden",
            message: "\(subject) is forbidden: User \"\(user)\" cannot \(verb) resource \"\(resource)\" "
                + "in API group \"\(type.group)\" \(scope)",
            details: details(type, name: name)
        )
    }

    static func namespaceTerminating(_ type: ResourceType, name: String, namespace: String) -> StatusError {
        StatusError(
            code: 403,
            reason: "Forbidden",
            message: "\(type.groupResource) \"\(name)\" is forbidden: unable to create new content in namespace "
                + "\(namespace) because it is being terminated",
            details: details(type, name: name)
        )
    }

    static func gone(_ message: String) -> StatusError {
        StatusError(code: 410, reason: "Expired", message: message, details: nil)
    }

    /// What a watch or an exact list from a resourceVersion older than the compacted revision gets.
    static func tooOld(_ revision: Int, compacted: Int) -> StatusError {
        gone("too old resource version: \(revision) (\(compacted))")
    }

    /// What a read from a resourceVersion the server has not reached yet gets (504 Timeout, retry after 1 s).
    static func tooLarge(_ revision: Int, current: Int) -> StatusError {
        StatusError(
            code: 504,
            reason: "Timeout",
            message: "Timeout: Too large resource version: \(revision), current: \(current)",
            details: [
                "causes": [["reason": "ResourceVersionTooLarge", "message": "Too large resource version"]],
                "retryAfterSeconds": 1,
            ]
        )
    }

    /// A paged list continued from a compacted revision: 410 with a token that continues at the latest revision.
    static func continueExpired(inconsistentContinue token: String) -> StatusError {
        var error = gone(
            "The provided continue parameter is too old to display a consistent list result. You can start a new "
                + "list without the continue parameter, or use the continue token in this response to retrieve the "
                + "remainder of the results. Continuing with the provided token results in an inconsistent list - "
                + "objects that were created, modified, or deleted between the time the first chunk was returned "
                + "and now may show up in the list."
        )
        error.metadata = ["continue": .string(token)]
        return error
    }

    /// 422 for a list or watch query the server's `ValidateListOptions` refuses.
    static func invalidListOptions(_ causes: [FieldError]) -> StatusError {
        let listed = causes.map(\.description)
        let summary = listed.count == 1 ? listed[0] : "[" + listed.joined(separator: ", ") + "]"
        return StatusError(
            code: 422,
            reason: "Invalid",
            message: "ListOptions.meta.k8s.io \"\" is invalid: \(summary)",
            details: ["group": "meta.k8s.io", "kind": "ListOptions", "causes": .array(causes.map(\.cause))]
        )
    }

    static func notFoundPath() -> StatusError {
        StatusError(
            code: 404,
            reason: "NotFound",
            message: "the server could not find the requested resource",
            details: nil
        )
    }
}
