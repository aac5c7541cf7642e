/// What validating a folder produced: always a report, and the desired state when it is valid.
public struct ValidationResult: Hashable, Sendable {
    public var report: ValidationReport
    /// `nil` when the report has diagnostics: a commit is all or nothing.
    public var desiredState: DesiredState?

    public init(report: ValidationReport, desiredState: DesiredState?) {
        self.report = report
        self.desiredState = desiredState
    }
}
