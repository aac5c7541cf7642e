// Folder KubeSim/HTTP: requests and responses over Hummingbird.

import Foundation
import HTTPTypes
import Hummingbird
import MooringCore

/// The HTTP face of the simulator: request log, injected faults, bearer-token authentication,
/// then the API server.
struct KubeSimResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let server: APIServer
    let faults: KubeSimFaults
    let log: RequestLog
    let users: [String: KubeSimUser]
    /// Who a request without credentials is; `nil` answers it 401.
    let anonymous: KubeSimUser?
    let stopped: StopFlag

    func respond(to request: Request, context: Context) async throws -> Response {
        let method = request.method.rawValue
        let path = request.uri.path
        let query = request.uri.query ?? ""
        let contentType = request.headers[.contentType] ?? ""
        let entry = log.append(
            KubeSimRequest(
                method: method,
                path: path,
                query: query,
                contentType: contentType,
                userAgent: request.headers[.userAgent] ?? "",
                status: 0
            )
        )
        let answer = await answer(request, method: method, path: path, query: query, contentType: contentType)
        log.setStatus(answer.status, of: entry)
        return Self.response(answer)
    }

    private func answer(
        _ request: Request,
        method: String,
        path: String,
        query: String,
        contentType: String
    ) async -> APIResponse {
        let latency = faults.latency
        if latency > .zero { try? await Task.sleep(for: latency) }
        while faults.shouldHang(method: method, path: path, query: query), !stopped.isSet, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if let status = faults.takeFailure(method: method, path: path, query: query) {
            return .error(Self.injected(status))
        }
        let header = request.headers[.authorization] ?? ""
        let user: KubeSimUser
        if let authenticated = authenticate(header) {
            user = authenticated
        } else if header.isEmpty, let anonymous {
            user = anonymous
        } else if Self.isPublic(path) {
            user = KubeSimUser(name: "system:anonymous", token: "", namespaces: [], verbs: [])
        } else {
            return .error(.unauthorized)
        }
        var body: [UInt8] = []
        if let buffer = try? await request.body.collect(upTo: 64 * 1024 * 1024) {
            body = Array(buffer.readableBytesView)
        }
        let apiRequest = APIRequest(
            method: method,
            path: path,
            query: Self.parseQuery(query),
            accept: request.headers[.accept] ?? "application/json",
            contentType: contentType,
            userAgent: request.headers[.userAgent] ?? "",
            ifNoneMatch: request.headers[.ifNoneMatch] ?? "",
            body: body,
            user: user
        )
        return await server.respond(to: apiRequest)
    }

    /// The user of a `Bearer <token>` header, or of `Basic <user:token>`: kubectl sends no bearer token over
    /// plain HTTP (it only applies a kubeconfig user's credentials over TLS), so KubeSim's kubeconfig carries
    /// the token in the server URL's user info, which Go's HTTP client sends as basic authentication.
    private func authenticate(_ header: String) -> KubeSimUser? {
        if header.hasPrefix("Bearer ") { return users[String(header.dropFirst("Bearer ".count))] }
        guard header.hasPrefix("Basic "), let decoded = Data(base64Encoded: String(header.dropFirst("Basic ".count)))
        else {
            return nil
        }
        let pair = String(decoding: decoded, as: UTF8.self)
        guard let colon = pair.firstIndex(of: ":") else { return nil }
        guard let user = users[String(pair[pair.index(after: colon)...])], user.name == pair[..<colon] else {
            return nil
        }
        return user
    }

    /// Paths a real server shows to anyone (`system:public-info-viewer`).
    private static func isPublic(_ path: String) -> Bool {
        ["/version", "/healthz", "/readyz", "/livez"].contains(path)
    }

    private static func injected(_ status: Int) -> StatusError {
        let reasons = [
            400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 409: "Conflict",
            410: "Expired", 422: "Invalid", 429: "TooManyRequests", 500: "InternalError", 503: "ServiceUnavailable",
            504: "Timeout",
        ]
        return StatusError(
            code: status,
            reason: reasons[status] ?? "",
            message: "injected failure (KubeSim fault \(status))",
            details: nil
        )
    }

    static func parseQuery(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let decode: (Substring) -> String = { raw in
                String(raw).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(raw)
            }
            guard let key = parts.first else { continue }
            result[decode(key)] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }

    private static func response(_ answer: APIResponse) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = answer.contentType
        headers[.cacheControl] = "no-cache, private"
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        switch answer.body {
        case .bytes(let bytes):
            return Response(
                status: .init(code: answer.status),
                headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
            )
        case .stream(let stream):
            headers[.transferEncoding] = "chunked"
            return Response(
                status: .init(code: answer.status),
                headers: headers,
                body: ResponseBody { writer in
                    // Always finish the writer, also when the client went away mid-stream (a failed write).
                    do {
                        for await chunk in stream {
                            try await writer.write(ByteBuffer(bytes: chunk))
                        }
                    } catch {}
                    try await writer.finish(nil)
                }
            )
        }
    }
}
