import MooringCore

/// The `labelSelector` and `fieldSelector` of a list, watch or collection delete.
struct Selectors: Sendable {
    var labels: LabelSelector?
    var fields: LabelSelector?

    init(_ request: APIRequest) throws(StatusError) {
        labels = try request.query["labelSelector"].map { text throws(StatusError) in try LabelSelector(parsing: text) }
        fields = try request.query["fieldSelector"].map { text throws(StatusError) in try LabelSelector(parsing: text) }
    }

    /// Whether there is a selector at all (a real server counts the remaining items only without one).
    var isEmpty: Bool { labels == nil && fields == nil }

    func match(_ object: JSONValue) -> Bool {
        if let labels, !labels.matches(LabelSelector.labels(of: object)) { return false }
        if let fields, !fields.matches(LabelSelector.fields(of: object)) { return false }
        return true
    }
}
