/// What one query of a check measured.
public enum Reading: Sendable, Equatable {
    /// The query's value (a single sample or a scalar); never NaN (that is no data), possibly infinite.
    case value(Double)
    /// No value: an empty result, or Prometheus could not answer. `reason` says which, for the status page.
    case noData(reason: String)

    /// The measured value, when there is one.
    public var value: Double? {
        if case .value(let value) = self { return value }
        return nil
    }
}
