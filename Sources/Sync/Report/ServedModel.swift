public import Manifests

/// A model serving on a target after a sync: its versions as the journal holds them, and the rendered model (its
/// version records, analysis and monitors) when this process rendered the commit that serves it.
public struct ServedModel: Sendable, Equatable {
    public var name: String
    /// The serving versions.
    public var state: ModelState
    /// The model as rendered from the last applied commit; `nil` when this process has not rendered that commit
    /// (it was applied by an earlier one, and no commit since changed anything).
    public var summary: ModelSummary?

    public init(name: String, state: ModelState, summary: ModelSummary? = nil) {
        self.name = name
        self.state = state
        self.summary = summary
    }
}
