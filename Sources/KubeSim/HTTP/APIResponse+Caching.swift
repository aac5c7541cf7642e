import Foundation

extension APIResponse {
    /// `document` with its entity tag, or `304 Not Modified` when the client's copy has that tag (Go's
    /// `http.ServeContent`, which the real server's OpenAPI handler answers with).
    static func revalidated(_ document: OpenAPIDocuments.Document, request: APIRequest) -> APIResponse {
        let tag = "\"\(document.tag)\""
        let current = matches(request.ifNoneMatch, tag: tag)
        var response = APIResponse(
            status: current ? 304 : 200,
            contentType: "application/json",
            body: .bytes(current ? [] : document.bytes)
        )
        response.headers["ETag"] = tag
        return response
    }

    /// `document` at a URL naming its hash: cached by the client for a year (`public, immutable`), as the real
    /// server serves `/openapi/v3/...?hash=`.
    static func immutable(_ document: OpenAPIDocuments.Document, request: APIRequest) -> APIResponse {
        var response = revalidated(document, request: request)
        response.headers["Cache-Control"] = "public, immutable"
        response.headers["Expires"] = httpDate(Date().addingTimeInterval(365 * 24 * 3600))
        response.headers["Vary"] = "Accept"
        return response
    }

    /// `301 Moved Permanently` to `location`.
    static func movedPermanently(to location: String) -> APIResponse {
        var response = APIResponse(status: 301, contentType: "text/html; charset=utf-8", body: .bytes([]))
        response.headers["Location"] = location
        return response
    }

    /// Whether an `If-None-Match` header names `tag` (or `*`), comparing weakly as RFC 9110 does for it.
    private static func matches(_ header: String, tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || (trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed) == tag
        }
    }

    /// An HTTP date (`Mon, 02 Jan 2006 15:04:05 GMT`).
    private static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
