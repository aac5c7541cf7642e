/// Everything in `state.json`: the state of each target by name.
public struct JournalState: Sendable, Equatable, Codable {
    public var targets: [String: TargetState]

    public init(targets: [String: TargetState] = [:]) {
        self.targets = targets
    }

    /// The state of `target`, empty when it has none yet.
    public subscript(target: String) -> TargetState {
        get { targets[target] ?? TargetState() }
        set { targets[target] = newValue }
    }
}
