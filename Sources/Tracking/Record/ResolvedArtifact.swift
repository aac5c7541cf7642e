/// The model files a record points at, and their digest or why there is none.
public struct ResolvedArtifact: Sendable, Equatable {
    public var uri: String
    /// `sha256:…` (or the algorithm MLflow recorded); `nil` when no digest could be had.
    public var digest: String?
    /// Where the digest came from, or why there is none: a sentence for the person recording.
    public var digestNote: String

    public init(uri: String, digest: String?, digestNote: String) {
        self.uri = uri
        self.digest = digest
        self.digestNote = digestNote
    }
}
