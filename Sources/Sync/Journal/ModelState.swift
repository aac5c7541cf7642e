/// Which versions of one model serve, as the journal remembers it.
public struct ModelState: Sendable, Equatable, Codable {
    public var namespace: String
    public var stable: String
    public var canary: String?
    /// Percent of traffic on the canary, when there is one.
    public var canaryTraffic: Int?

    public init(namespace: String, stable: String, canary: String? = nil, canaryTraffic: Int? = nil) {
        self.namespace = namespace
        self.stable = stable
        self.canary = canary
        self.canaryTraffic = canaryTraffic
    }

    /// `12`, or `12 + canary 13 (10%)`.
    public var summary: String {
        guard let canary else { return stable }
        return "\(stable) + canary \(canary) (\(canaryTraffic ?? 0)%)"
    }
}
