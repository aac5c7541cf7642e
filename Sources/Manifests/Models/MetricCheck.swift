/// One live check on a serving version: a Prometheus query and the bounds its value must stay within.
///
/// Used by a ModelDeployment's canary analysis (`spec.analysis.checks`) and its monitors (`spec.monitors`).
/// The query may name `{{model}}`, `{{namespace}}`, `{{version}}` and `{{stable}}`; see ``QueryTemplate``.
public struct MetricCheck: Hashable, Sendable, Codable {
    /// Names the check in events, metrics (`check` label) and the status page.
    public var name: String
    /// The PromQL query, with template variables not yet filled in.
    public var query: QueryTemplate
    /// The lowest value that holds, if bounded below.
    public var min: Double?
    /// The highest value that holds, if bounded above.
    public var max: Double?

    public init(name: String, query: QueryTemplate, min: Double? = nil, max: Double? = nil) {
        self.name = name
        self.query = query
        self.min = min
        self.max = max
    }

    /// Whether a measured value lies within the bounds (a NaN never does).
    public func holds(_ value: Double) -> Bool {
        guard !value.isNaN else { return false }
        if let min, value < min { return false }
        if let max, value > max { return false }
        return true
    }
}
