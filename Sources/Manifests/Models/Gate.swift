/// A metric bar a served version must clear, from a ModelDeployment's `spec.gates`.
///
/// `min` and `max` apply to every served version (stable and canary). `minDeltaVsStable`
/// applies to the canary only: its metric must be at least this much better than stable's
/// (negative values allow a bounded regression), where "better" follows `direction`.
public struct Gate: Hashable, Sendable, Codable {
    /// Which way a metric improves.
    public enum Direction: String, Hashable, Sendable, Codable, CaseIterable {
        /// Larger is better (accuracy, AUC…); the default.
        case higher
        /// Smaller is better (error rate, latency…).
        case lower
    }

    public var metric: String
    public var min: Double?
    public var max: Double?
    public var minDeltaVsStable: Double?
    public var direction: Direction

    public init(
        metric: String,
        min: Double? = nil,
        max: Double? = nil,
        minDeltaVsStable: Double? = nil,
        direction: Direction = .higher
    ) {
        self.metric = metric
        self.min = min
        self.max = max
        self.minDeltaVsStable = minDeltaVsStable
        self.direction = direction
    }
}
