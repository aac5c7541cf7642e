/// Which versions of one model serve, as the journal remembers it.
public struct ModelState: Sendable, Equatable, Codable {
    public var namespace: String
    public var stable: String
    public var canary: String?
    /// Percent of traffic on the canary, when there is one.
    public var canaryTraffic: Int?
    /// `true` when the canary's analysis aborted it and it is held out of traffic (at 0%) until the ModelDeployment
    /// changes in git; left out otherwise (the journal's lines from before it read the same).
    public var canaryAborted: Bool?

    public init(
        namespace: String,
        stable: String,
        canary: String? = nil,
        canaryTraffic: Int? = nil,
        canaryAborted: Bool? = nil
    ) {
        self.namespace = namespace
        self.stable = stable
        self.canary = canary
        self.canaryTraffic = canaryTraffic
        self.canaryAborted = canaryAborted
    }

    /// `12`, `12 + canary 13 (10%)` or `12 + canary 13 (0%, aborted)`.
    public var summary: String {
        guard let canaryServing else { return stable }
        return "\(stable) + canary \(canaryServing)"
    }

    /// The canary and its traffic: `13 (10%)`, or `13 (0%, aborted)` while its abort holds it out of traffic; `nil`
    /// without a canary.
    public var canaryServing: String? {
        guard let canary else { return nil }
        return "\(canary) (\(canaryTraffic ?? 0)%\(canaryAborted == true ? ", aborted" : ""))"
    }

    /// This state with its canary aborted: out of traffic (0%) and marked so.
    public func abortingCanary() -> ModelState {
        var state = self
        state.canaryTraffic = 0
        state.canaryAborted = true
        return state
    }
}
