/// The host's lowest acceptable bar for one metric. A model's own gate may be stricter, never looser:
/// the floor applies to every served version whether or not the model declares a gate for the metric.
public struct GateFloor: Sendable, Equatable {
    /// The metric may not be below this.
    public var min: Double?
    /// The metric may not be above this.
    public var max: Double?
    /// A canary's metric may not be worse than stable's by more than this (see `Gate.minDeltaVsStable`).
    public var minDeltaVsStable: Double?
    /// Which way is better, for `minDeltaVsStable`.
    public var direction: Gate.Direction

    public init(
        min: Double? = nil,
        max: Double? = nil,
        minDeltaVsStable: Double? = nil,
        direction: Gate.Direction = .higher
    ) {
        self.min = min
        self.max = max
        self.minDeltaVsStable = minDeltaVsStable
        self.direction = direction
    }
}
