extension ModelVersion {
    /// Where the trained model is stored, and its content digest.
    public struct Artifact: Hashable, Sendable, Codable {
        /// A storage URI KServe and the serving image understand (`s3://`, `gs://`, `pvc://`…).
        public var uri: String
        /// `sha256:…`
        public var digest: String

        public init(uri: String, digest: String) {
            self.uri = uri
            self.digest = digest
        }
    }
}
