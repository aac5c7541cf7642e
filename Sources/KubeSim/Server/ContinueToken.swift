import Foundation
import MooringCore

/// A paged list's `continue` token, encoded as a real server encodes it: unpadded base64url of
/// `{"v":"meta.k8s.io/v1","rv":<revision>,"start":"<next key>"}`, the key relative to the list's scope.
struct ContinueToken: Sendable, Equatable {
    /// The revision the list is served at; -1 for "the latest" (the token of an expired continue).
    var revision: Int
    /// The first key of the next page: the last returned key followed by a NUL byte.
    var start: String

    var encoded: String {
        let document: JSONValue = ["v": "meta.k8s.io/v1", "rv": .int(revision), "start": .string(start)]
        return Data(document.serializedBytes()).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init(revision: Int, start: String) {
        self.revision = revision
        self.start = start
    }

    /// Decodes a token, refusing one the server did not make with 400 as the real server does.
    init(decoding text: String) throws(StatusError) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let document = try? JSONValue.parse(Array(data)) else {
            throw Self.invalid("illegal base64 data or JSON")
        }
        guard document["v"] == "meta.k8s.io/v1" else {
            throw Self.invalid("server does not recognize this encoded version")
        }
        guard let revision = document["rv"]?.intValue, revision != 0 else {
            throw Self.invalid("incorrect encoded start resourceVersion (version meta.k8s.io/v1)")
        }
        guard let start = document["start"]?.stringValue, !start.isEmpty else {
            throw Self.invalid("encoded start key empty")
        }
        self.init(revision: revision, start: start)
    }

    private static func invalid(_ reason: String) -> StatusError {
        StatusError.badRequest("invalid continue token: continue key is not valid: \(reason)")
    }
}
