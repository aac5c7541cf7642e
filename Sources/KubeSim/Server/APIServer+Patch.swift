import MooringCore

extension APIServer {
    func patchRequest(_ request: APIRequest, target: Target, name: String) throws -> APIResponse {
        let contentType = request.contentType.lowercased()
        if contentType.hasPrefix("application/apply-patch") {
            return try applyRequest(request, target: target, name: name)
        }
        let patchText = request.body
        let patch: JSONValue
        do {
            patch = try JSONValue.parse(patchText)
        } catch {
            throw StatusError.badRequest("error decoding patch: \(error)")
        }
        let old = try existing(target, name: name)
        let base = target.subresource == "scale" ? scale(of: old, type: target.type) : old
        var patched: JSONValue
        switch contentType.split(separator: ";").first.map(String.init) ?? "" {
        case "application/json-patch+json":
            patched = try JSONPatch.apply(patch, to: base)
        case "application/merge-patch+json":
            patched = MergePatch.apply(patch, to: base)
        case "application/strategic-merge-patch+json" where !target.type.isCustom:
            patched = try StrategicMergePatch.apply(
                patch,
                to: base,
                schema: target.subresource == "scale" ? .any : target.type.schema
            )
        default:
            throw StatusError(
                code: 415,
                reason: "UnsupportedMediaType",
                message: "the body of the request was in an unknown format - accepted media types include: "
                    + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
                    + (target.type.isCustom ? "" : ", application/strategic-merge-patch+json"),
                details: nil
            )
        }
        if target.subresource == "scale" {
            return try updateScale(request, target: target, name: name, scale: patched)
        }
        if patched["metadata"]?["name"]?.stringValue != name {
            throw StatusError.badRequest(
                "metadata.name: Invalid value: the name of the object cannot be changed by a patch"
            )
        }
        if let version = patched["metadata"]?["resourceVersion"]?.stringValue,
            version != old["metadata"]?["resourceVersion"]?.stringValue
        {
            throw StatusError.conflict(target.type, name: name)
        }
        try checkStrict(patched, type: target.type, request: request, patch: true)
        patched = pruneUnknown(patched, schema: target.type.schema)
        let updated = try update(
            old: old,
            new: patched,
            type: target.type,
            subresource: target.subresource,
            manager: request.fieldManager,
            dryRun: request.isDryRun
        )
        return .json(updated)
    }
}
