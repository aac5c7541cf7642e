/// A scenario's set-up could not be done as written.
struct ScenarioError: Error, CustomStringConvertible {
    var description: String
}
