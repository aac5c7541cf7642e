/// Metric values for people: `0.90` rather than `0.9`, `200` rather than `200.0`.
enum MetricFormat {
    static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let shortest = "\(value)"
        // One decimal reads oddly next to two-decimal metrics; pad it (0.9 → 0.90).
        if let dot = shortest.firstIndex(of: "."), shortest.distance(from: dot, to: shortest.endIndex) == 2,
            !shortest.contains("e")
        {
            return shortest + "0"
        }
        return shortest
    }
}
