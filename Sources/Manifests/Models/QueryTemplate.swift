/// A Prometheus query with `{{variable}}` placeholders, filled in per model and version before it is sent.
///
/// The variables are ``Variable/model``, ``Variable/namespace``, ``Variable/version`` (the version being
/// judged: the canary for analysis, stable for monitors) and ``Variable/stable``. Their values are DNS
/// labels and label values, so they cannot break out of a PromQL string.
public struct QueryTemplate: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A name a query may use between double braces.
    public enum Variable: String, Hashable, Sendable, CaseIterable {
        case model, namespace, version, stable
    }

    /// The query as written in the ModelDeployment.
    public let text: String

    public init(_ text: String) { self.text = text }

    public var description: String { text }

    /// The names between `{{` and `}}`, in order of appearance, spaces around them trimmed.
    public var placeholders: [String] {
        pieces.compactMap { if case .placeholder(let name, _) = $0 { return name } else { return nil } }
    }

    /// Placeholders that are not one of ``Variable``'s names.
    public var unknownPlaceholders: [String] {
        placeholders.filter { Variable(rawValue: $0) == nil }
    }

    /// The query with every known placeholder replaced by its value; unknown ones are left as written.
    public func rendered(_ values: [Variable: String]) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): return text
            case .placeholder(let name, let written): return Variable(rawValue: name).flatMap { values[$0] } ?? written
            }
        }.joined()
    }

    private enum Piece {
        case text(String)
        /// The trimmed name, and the placeholder as written (braces included).
        case placeholder(String, written: String)
    }

    /// The query split into literal text and `{{…}}` placeholders; an unclosed `{{` is literal text.
    private var pieces: [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
            pieces.append(.text(String(rest[..<open.lowerBound])))
            let name = rest[open.upperBound..<close.lowerBound].drop { $0 == " " }
            let trimmed = String(name.reversed().drop { $0 == " " }.reversed())
            pieces.append(.placeholder(trimmed, written: String(rest[open.lowerBound..<close.upperBound])))
            rest = rest[close.upperBound...]
        }
        pieces.append(.text(String(rest)))
        return pieces
    }
}
