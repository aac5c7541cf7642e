/// A host-wide bound on one evaluation metric: no model's gates may go below (or above) it.
public struct GateFloor: Sendable, Equatable {
    public var min: Double?
    public var max: Double?

    public init(min: Double? = nil, max: Double? = nil) {
        self.min = min
        self.max = max
    }
}
