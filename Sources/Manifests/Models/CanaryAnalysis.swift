/// `spec.analysis` of a ModelDeployment: how the daemon judges a canary on live metrics, and how often it
/// evaluates the model's monitors.
public struct CanaryAnalysis: Hashable, Sendable, Codable {
    /// How often checks run when `interval` is not given.
    public static let defaultInterval: Duration = .seconds(30)
    /// Failed runs in a row before a canary is aborted (or a monitor degrades) when `failureLimit` is not given.
    public static let defaultFailureLimit = 2
    /// How long every check must hold before a canary passes, when `minDuration` is not given.
    public static let defaultMinDuration: Duration = .seconds(600)

    /// The schedule monitors follow when a model has no `spec.analysis`.
    public static let defaults = CanaryAnalysis()

    /// How often the checks run.
    public var interval: Duration
    /// Failed runs in a row before the canary is aborted.
    public var failureLimit: Int
    /// The canary passes after this long with every check holding.
    public var minDuration: Duration
    /// What is measured; every check must hold.
    public var checks: [MetricCheck]

    public init(
        interval: Duration = defaultInterval,
        failureLimit: Int = defaultFailureLimit,
        minDuration: Duration = defaultMinDuration,
        checks: [MetricCheck] = []
    ) {
        self.interval = interval
        self.failureLimit = failureLimit
        self.minDuration = minDuration
        self.checks = checks
    }
}
