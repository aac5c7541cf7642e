import Foundation
import KubeSim
import MooringCore

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Raw HTTP to a KubeSim as `admin`, for what kubectl cannot ask: a watch from a chosen resourceVersion, a list page
/// by page, a query a real client would not send.
struct KubeSimWatchClient: Sendable {
    let sim: KubeSim

    /// One request; the answer's status and parsed body.
    @discardableResult
    func request(
        _ method: String = "GET",
        _ pathAndQuery: String,
        body: JSONValue? = nil,
        contentType: String = "application/json"
    ) async throws -> (status: Int, body: JSONValue) {
        let (data, status) = try await send(method, pathAndQuery, body: body, contentType: contentType)
        return (status, try JSONValue.parse(Array(data)))
    }

    /// A watch read to its end (the server ends it at `timeoutSeconds`, its own timeout, or `endWatches()`): its
    /// events, one JSON document a line.
    func watch(_ pathAndQuery: String) async throws -> [JSONValue] {
        let (data, status) = try await send("GET", pathAndQuery, body: nil, contentType: "application/json")
        guard status == 200 else {
            throw KubeSimWatchRefused(status: status, body: String(decoding: data, as: UTF8.self))
        }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map { try JSONValue.parse(String($0)) }
    }

    /// Creates a ConfigMap in `default` and returns it as stored.
    @discardableResult
    func createConfigMap(
        _ name: String,
        labels: [String: String] = [:],
        finalizers: [String] = []
    ) async throws
        -> JSONValue
    {
        var metadata: JSONValue = ["name": .string(name), "labels": .object(labels.mapValues { .string($0) })]
        if !finalizers.isEmpty { metadata["finalizers"] = .array(finalizers.map { .string($0) }) }
        let object: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata, "data": ["k": "v"]]
        let (status, created) = try await request("POST", "/api/v1/namespaces/default/configmaps", body: object)
        guard status == 201 else { throw KubeSimWatchRefused(status: status, body: created.serialized()) }
        return created
    }

    /// Merge-patches a ConfigMap in `default` and returns it as stored.
    @discardableResult
    func patchConfigMap(_ name: String, _ patch: JSONValue) async throws -> JSONValue {
        let (status, patched) = try await request(
            "PATCH",
            "/api/v1/namespaces/default/configmaps/\(name)",
            body: patch,
            contentType: "application/merge-patch+json"
        )
        guard status == 200 else { throw KubeSimWatchRefused(status: status, body: patched.serialized()) }
        return patched
    }

    /// The current resourceVersion of the ConfigMaps in `default`, from a list.
    func listVersion() async throws -> String {
        let (_, list) = try await request("GET", "/api/v1/namespaces/default/configmaps")
        return list["metadata"]?["resourceVersion"]?.stringValue ?? ""
    }

    private func send(
        _ method: String,
        _ pathAndQuery: String,
        body: JSONValue?,
        contentType: String
    ) async throws -> (Data, Int) {
        var request = URLRequest(url: URL(string: sim.baseURL + pathAndQuery)!)
        request.httpMethod = method
        request.timeoutInterval = 120
        request.setValue("Bearer kubesim-admin-token", forHTTPHeaderField: "Authorization")
        if let body {
            request.httpBody = Data(body.serializedBytes())
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }

    /// The JSON documents kubectl prints one after another (`-o json` of a watch: pretty-printed, not one a line).
    static func documents(in text: String) throws -> [JSONValue] {
        var documents: [JSONValue] = []
        var depth = 0
        var inString = false
        var escaped = false
        var start = text.startIndex
        for index in text.indices {
            let character = text[index]
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
                continue
            }
            switch character {
            case "\"": inString = true
            case "{":
                if depth == 0 { start = index }
                depth += 1
            case "}":
                depth -= 1
                if depth == 0 { documents.append(try JSONValue.parse(String(text[start...index]))) }
            default: break
            }
        }
        return documents
    }
}
