public import Foundation
import Manifests

/// Where one check (of a canary analysis or a monitor) stands after its latest run.
public struct CheckProgress: Codable, Sendable, Equatable {
    /// How one run of a check ended.
    public enum Result: String, Codable, Sendable, CaseIterable {
        /// The value lay within the bounds.
        case pass
        /// The value lay outside the bounds.
        case fail
        /// No value (no series, NaN, Prometheus unreachable): the run neither passes nor fails.
        case noData = "no-data"
    }

    /// The check's name.
    public var name: String
    /// The value the latest run measured; `nil` when it had no data (or before the first run).
    public var value: Double?
    /// The latest run's result; `nil` before the first run.
    public var result: Result?
    /// Why the latest run had no data.
    public var noDataReason: String?
    /// Failed runs in a row, up to the latest; a run without data leaves the count as it was.
    public var failuresInARow: Int
    /// When the latest run was made.
    public var at: Date?
    /// For a monitor: whether it failed `failureLimit` runs in a row and has not held since.
    public var degraded: Bool

    public init(name: String) {
        self.name = name
        self.failuresInARow = 0
        self.degraded = false
    }

    /// This progress after a run of `check` that measured `measurement` at `now`.
    func after(_ measurement: Reading, of check: MetricCheck, at now: Date) -> CheckProgress {
        var next = self
        next.at = now
        switch measurement {
        case .value(let value):
            next.value = value
            next.noDataReason = nil
            if check.holds(value) {
                next.result = .pass
                next.failuresInARow = 0
            } else {
                next.result = .fail
                next.failuresInARow += 1
            }
        case .noData(let reason):
            next.value = nil
            next.result = .noData
            next.noDataReason = reason
        }
        return next
    }

    /// "error-rate measured 0.031, above max 0.02": the latest value against the bound it crossed.
    func violation(of check: MetricCheck) -> String {
        let measured = value.map { Self.format($0) } ?? "nothing"
        if let value, let max = check.max, value > max {
            return "\(name) measured \(measured), above max \(Self.format(max))"
        }
        if let value, let min = check.min, value < min {
            return "\(name) measured \(measured), below min \(Self.format(min))"
        }
        return "\(name) measured \(measured), outside its bounds"
    }

    /// The bound crossed (`max 0.02`), for an event's fields.
    func crossedBound(of check: MetricCheck) -> String {
        if let value, let max = check.max, value > max { return "max \(Self.format(max))" }
        if let value, let min = check.min, value < min { return "min \(Self.format(min))" }
        return [check.min.map { "min \(Self.format($0))" }, check.max.map { "max \(Self.format($0))" }]
            .compactMap { $0 }.joined(separator: ", ")
    }

    /// A value as events and the status page print it: up to 6 significant digits.
    public static func format(_ value: Double) -> String {
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }
}
