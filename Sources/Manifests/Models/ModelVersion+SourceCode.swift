extension ModelVersion {
    /// The training code: repository and commit.
    public struct SourceCode: Hashable, Sendable, Codable {
        public var repo: String
        public var commit: String

        public init(repo: String, commit: String) {
            self.repo = repo
            self.commit = commit
        }
    }
}
