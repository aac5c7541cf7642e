import MooringCore

/// Reads the API server through the target's one `kubectl proxy` (``KubectlProxy``): HTTP over its unix socket,
/// with no process per request. The proxy adds the kubeconfig's credentials (over TLS only).
struct ProxyCollectionReader: CollectionReader {
    var proxy: KubectlProxy
    /// The most bytes of one page of a list, as of kubectl's output (``KubectlOptions/outputLimit``).
    var listLimit: Int
    /// How long one page may take, as one kubectl call (``KubectlOptions/timeout``).
    var listTimeout: Duration

    func list(_ request: String) async throws(ClusterError) -> JSONValue {
        let page = try await send(request, timeout: listTimeout, body: nil)
        do {
            return try JSONValue.parse(page)
        } catch {
            throw ClusterError(
                code: .unexpectedOutput,
                message: "kubectl proxy answered something other than JSON (\(error)); check the API server",
                command: Self.command(request)
            )
        }
    }

    func watch(
        _ request: String,
        timeout: Duration,
        _ chunk: @escaping @Sendable ([UInt8]) async throws -> Void
    ) async throws(ClusterError) {
        _ = try await send(request, timeout: timeout, body: chunk)
    }

    private func send(
        _ request: String,
        timeout: Duration,
        body: (@Sendable ([UInt8]) async throws -> Void)?
    ) async throws(ClusterError) -> [UInt8] {
        let client = UnixSocketHTTPClient(socketPath: try await proxy.socket())
        let answer: (status: Int, body: [UInt8])
        do {
            answer = try await client.get(request, timeout: timeout, limit: listLimit, body: body)
        } catch let error as ClusterError {
            throw ClusterError(code: error.code, message: error.message, command: Self.command(request))
        } catch {
            throw ClusterError(
                code: Task.isCancelled ? .cancelled : .unreachable,
                message: "the request through kubectl proxy at \(client.socketPath) failed (\(error)); the proxy is "
                    + "restarted if it died",
                command: Self.command(request)
            )
        }
        guard (200..<300).contains(answer.status) else { throw Self.refusal(answer, command: Self.command(request)) }
        return answer.body
    }

    /// A non-2xx answer as the error it is, with the server's message (a `Status` object's, or the body's text).
    static func refusal(_ answer: (status: Int, body: [UInt8]), command: String) -> ClusterError {
        let status = try? JSONValue.parse(answer.body)
        let message = status?["message"]?.stringValue ?? String(decoding: answer.body, as: UTF8.self)
        let code: ClusterError.Code =
            switch answer.status {
            case 401: .unauthorized
            case 403: .forbidden
            case 404: .notFound
            default: .failed
            }
        return ClusterError(
            code: code,
            message: "the API server answered HTTP \(answer.status) through kubectl proxy: "
                + (message.isEmpty ? "no message" : message),
            command: command
        )
    }

    private static func command(_ request: String) -> String { "GET \(request) (through kubectl proxy)" }
}
