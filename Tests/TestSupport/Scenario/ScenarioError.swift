/// A scenario's set-up could not be done as written.
public struct ScenarioError: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
