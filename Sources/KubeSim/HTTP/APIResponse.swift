import MooringCore

/// What a handler answers: a JSON document, or a stream of watch events.
struct APIResponse: Sendable {
    enum Body: Sendable {
        case bytes([UInt8])
        /// Newline-delimited JSON watch events, until the stream ends.
        case stream(AsyncStream<[UInt8]>)
    }

    var status: Int
    var contentType: String
    var body: Body
    /// Headers besides `Content-Type`; `Cache-Control` is `no-cache, private` unless set here.
    var headers: [String: String] = [:]

    static func json(_ value: JSONValue, status: Int = 200) -> APIResponse {
        APIResponse(status: status, contentType: "application/json", body: .bytes(value.serializedBytes()))
    }

    static func error(_ error: StatusError) -> APIResponse {
        .json(error.status, status: error.code)
    }
}
