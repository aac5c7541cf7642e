extension Gate {
    /// The gate's bars as a person reads them: `≥ 0.90`, `≤ 0.05`, `≥ stable + 0.01` (the last for a canary only).
    public var bounds: [String] {
        var bounds: [String] = []
        if let min { bounds.append("≥ \(MetricFormat.text(min))") }
        if let max { bounds.append("≤ \(MetricFormat.text(max))") }
        if let minDeltaVsStable { bounds.append(Self.deltaBound(minDeltaVsStable, direction: direction)) }
        return bounds
    }

    /// `≥ stable + 0.01`, `≤ stable − 0.02`, `≥ stable`: a required improvement over stable, in the metric's
    /// direction.
    static func deltaBound(_ delta: Double, direction: Direction) -> String {
        let relation = direction == .higher ? "≥" : "≤"
        // For "lower is better", a required improvement d means canary ≤ stable − d.
        let offset = direction == .higher ? delta : -delta
        guard offset != 0 else { return "\(relation) stable" }
        return "\(relation) stable \(offset > 0 ? "+" : "−") \(MetricFormat.text(abs(offset)))"
    }
}
