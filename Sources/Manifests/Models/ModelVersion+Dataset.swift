extension ModelVersion {
    /// A data set the version was trained or evaluated on.
    public struct Dataset: Hashable, Sendable, Codable {
        /// `training`, `evaluation`, `validation`…
        public var role: String
        public var name: String
        public var digest: String

        public init(role: String, name: String, digest: String) {
            self.role = role
            self.name = name
            self.digest = digest
        }
    }
}
