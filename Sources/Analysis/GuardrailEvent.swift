/// Something a canary analysis or a monitor concluded, raised once when it happens (never once per run).
public struct GuardrailEvent: Sendable, Equatable {
    /// The event's stable name in logs, history and alerts.
    public enum Name: String, Sendable, CaseIterable {
        case canaryAborted = "canary_aborted"
        case canaryPassed = "canary_passed"
        case analysisUnavailable = "analysis_unavailable"
        case modelDegraded = "model_degraded"
        case modelRecovered = "model_recovered"
    }

    public var name: Name
    /// The check concerned, for events about one check.
    public var check: String?
    /// The value measured, for events about one check's value.
    public var value: Double?
    /// The bound crossed (`max 0.02`).
    public var bound: String?
    /// A sentence a person can act on (without the model's name, which the caller adds).
    public var message: String

    public init(_ name: Name, check: String? = nil, value: Double? = nil, bound: String? = nil, message: String) {
        self.name = name
        self.check = check
        self.value = value
        self.bound = bound
        self.message = message
    }
}
